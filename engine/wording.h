// The words of diagnostics, in the language the user reads.
//
// A message is written in English where it is made, as a fmt template: Fmt("unknown key '{}'", k)
// or Tr("a list") for a fixed text. When French is chosen, the template is looked up in the
// catalogue engine/strings/diagnostics.yaml (English template -> French template, compiled into a
// sorted table by engine/strings/embed_wording.py) and the French one is filled instead; a template
// missing from it stays English (a test checks that none is missing: scripts/check_wording.py).
// Fragments that go into other messages ("a condition of outcome 'x'") are translated the same way,
// before they are put in.
//
// A French template takes the English one's arguments: in the same order with "{}", or in any
// order with "{0}", "{1}"... The language is process-wide, set once by the command line before
// any file is read; it is English until then (the engine's tests read English).
#ifndef SCEAU_ENGINE_WORDING_H_
#define SCEAU_ENGINE_WORDING_H_

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>

namespace sceau {

// "fr" or "en" (anything else is English).
void SetDiagnosticLanguage(std::string_view lang);
std::string_view DiagnosticLanguage();

// The template to use for `english` in the chosen language: `english` itself, or its French.
std::string_view ChosenTemplate(std::string_view english);

// A fixed text (a message, or a fragment of one) in the chosen language.
inline std::string Tr(std::string_view english) { return std::string(ChosenTemplate(english)); }

// Marks a text that arrives at run time (from a library) as one to translate: Tr(text) finds it
// in the catalogue, and scripts/check_wording.py asks for its French.
constexpr std::string_view Wording(std::string_view english) { return english; }

// French contractions across the seams of a composed message: a fragment "le critère 'C-1'" put
// after "de" reads "du critère 'C-1'" ("de le" -> "du", "de les" -> "des", "à le" -> "au", "à
// les" -> "aux", "de un(e)" -> "d'un(e)"). No French template holds these sequences itself (the
// tests check the French of some 150 broken files for them).
std::string ContractFrench(std::string text);

// The operating system's error texts in `text` ("No such file or directory", from strerror or
// std::error_code), in French when French is chosen: the C library speaks the C locale here.
std::string FrenchSystemTexts(std::string text);

// fmt::format over the chosen language's template. The English template is checked against the
// arguments at compile time; a translation that does not fit them falls back to the English.
template <typename... Args>
std::string Fmt(fmt::format_string<Args...> english, Args&&... args) {
  fmt::string_view given = english;  // fmt 9 has no get()
  std::string_view text(given.data(), given.size());
  std::string_view chosen = ChosenTemplate(text);
  if (chosen.data() != text.data()) {
    try {
      return FrenchSystemTexts(
          ContractFrench(fmt::vformat(chosen, fmt::make_format_args(args...))));
    } catch (const fmt::format_error&) {
      // A template that does not fit its arguments is a catalogue defect, caught by the tests.
    }
  }
  return fmt::vformat(text, fmt::make_format_args(args...));
}

// Whether a count takes the singular: French takes it for 0 and 1, English for 1 only.
//   Singular(n) ? Fmt("{} file", n) : Fmt("{} files", n)
inline bool Singular(long long n) { return n == 1 || (n == 0 && DiagnosticLanguage() == "fr"); }

// Sets the diagnostic language for as long as it lives, then restores the previous one.
class ScopedDiagnosticLanguage {
 public:
  explicit ScopedDiagnosticLanguage(std::string_view lang) : previous_(DiagnosticLanguage()) {
    SetDiagnosticLanguage(lang);
  }
  ~ScopedDiagnosticLanguage() { SetDiagnosticLanguage(previous_); }
  ScopedDiagnosticLanguage(const ScopedDiagnosticLanguage&) = delete;
  ScopedDiagnosticLanguage& operator=(const ScopedDiagnosticLanguage&) = delete;

 private:
  std::string previous_;
};

}  // namespace sceau

#endif  // SCEAU_ENGINE_WORDING_H_
