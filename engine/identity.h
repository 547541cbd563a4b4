// People's identities for the impartiality rule (DOMAIN.md rule 6): the decision maker must not
// be anyone who audited. Names are compared after normalisation, so that "Claire Martin",
// "claire  martin" and "Clàire Martin" are one person; when the dossier gives both people an
// identifier (`lead_auditor_id`, `auditor_ids`, `decision_maker_id`), the identifiers decide.
#ifndef SCEAU_ENGINE_IDENTITY_H_
#define SCEAU_ENGINE_IDENTITY_H_

#include <string>
#include <string_view>

namespace sceau {

// `name` lowercased, with the accents of Latin letters removed (é -> e, Ç -> c, œ -> oe, ß -> ss),
// hyphens, apostrophes, dots and every run of white space turned into one space, and no space at
// either end. Other bytes are kept as they are.
std::string NormalizedName(std::string_view name);

// True when `a` and `b` name the same person: equal once normalised, and not empty.
bool SamePerson(std::string_view a, std::string_view b);

// `id` without white space at either end, its ASCII letters lowercased.
std::string NormalizedId(std::string_view id);

// A person as a dossier names them: a name, and an identifier or nothing (empty).
struct Person {
  std::string_view name;
  std::string_view id;
};

// How two people were found to be one, if they were.
enum class SameBy { kNo, kName, kId };

// Whether `a` and `b` are one person. When both have an identifier, the identifiers decide: equal
// once normalised (NormalizedId) is the same person whatever the names say, different is two
// people even with one name (homonyms). When either has none, the names decide (SamePerson).
SameBy Identify(const Person& a, const Person& b);

}  // namespace sceau

#endif  // SCEAU_ENGINE_IDENTITY_H_
