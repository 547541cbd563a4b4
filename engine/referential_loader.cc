#include "engine/referential_loader.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>

#include "engine/criteria_graph.h"
#include "engine/format_specs.h"
#include "engine/policy_check.h"
#include "engine/referential_parser.h"
#include "engine/referential_spec.h"
#include "engine/sha256.h"
#include "engine/wording.h"
#include "engine/yaml_reader.h"

namespace sceau {

int ReferentialLoad::errors() const { return CountDiagnostics(diagnostics, Severity::kError); }

int ReferentialLoad::warnings() const { return CountDiagnostics(diagnostics, Severity::kWarning); }

bool ReadFileText(const std::string& path, size_t max_bytes, std::string* text, Diagnostic* error) {
  error->severity = Severity::kError;
  error->file = path;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    error->code = "io-error";
    error->message = Fmt("cannot read file: {}", std::strerror(errno));
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    error->code = "io-error";
    error->message = Tr("is a directory, not a file");
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    error->code = "io-error";
    error->message = Tr("is not a regular file");
    return false;
  }
  if (static_cast<unsigned long long>(st.st_size) > max_bytes) {
    error->code = "file-too-large";
    error->message = Fmt("file is {} bytes, over the limit of {} bytes",
                         static_cast<long long>(st.st_size), max_bytes);
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error->code = "io-error";
    error->message = Fmt("cannot open file: {}", std::strerror(errno));
    return false;
  }
  // Straight into a string of the size stat gave: a stream buffer would grow by doubling and keep
  // up to twice the text (a 650 KiB result held 1 MiB through `sceau report`). A file that grew
  // since is read to its end all the same, and checked against the limit below.
  std::string content(static_cast<size_t>(st.st_size), '\0');
  size_t size = 0;
  while (in) {
    if (size == content.size()) {
      if (in.peek() == std::char_traits<char>::eof() || size > max_bytes) break;
      content.resize(size + size / 2 + 4096);
    }
    in.read(content.data() + size, static_cast<std::streamsize>(content.size() - size));
    size += static_cast<size_t>(in.gcount());
  }
  if (in.bad()) {
    error->code = "io-error";
    error->message = Tr("read error");
    return false;
  }
  content.resize(size);
  *text = std::move(content);
  if (text->size() > max_bytes) {
    error->code = "file-too-large";
    error->message = Fmt("file is over the limit of {} bytes", max_bytes);
    return false;
  }
  return true;
}

namespace referential_internal {

void ReferentialParser::Parse(const YamlNode* root, const Referential* base) {
  if (root == nullptr) {
    sink_.Error("empty-file", SourceLocation{1, 1, 1},
                Tr("the file is empty: a referential starts with 'id', 'version' and 'title'"));
    return;
  }
  if (!root->is_map()) {
    sink_.Error("wrong-type", root->where,
                Fmt("a referential must be a map of keys (id, version, title, ...), "
                    "not {}",
                    DescribeNode(root)));
    return;
  }
  Fields f(&r_, root, format::ReferentialSpec(), Tr("the referential"));
  f.set_value_context("");
  ParseIdentity(f);
  const YamlNode* ext = f.Get("extends");  // resolved by the caller into `base`
  if (ext && base) {
    ParseExtending(f, root, *base, ext->where);
  } else if (ext) {
    // The base could not be loaded (reported by the caller): still check this file's own parts.
    for (const char* key : {"scales", "default_scale", "evidence_kinds", "frameworks", "chapters",
                            "criteria", "replace", "remove", "decision"}) {
      f.Get(key);
    }
  } else {
    if (auto n = f.Required("scales")) ParseScales(n);
    default_scale_node_ = f.Get("default_scale");
    ResolveDefaultScale();
    if (auto n = f.Get("evidence_kinds")) ParseEvidenceKinds(n);
    if (auto n = f.Get("frameworks")) ParseFrameworks(n);
    if (auto n = f.Required("chapters")) ParseChapters(n, -1);
    if (auto n = f.Required("criteria")) ParseCriteria(n);
    if (auto n = f.Required("decision")) ParseDecision(n);
  }
  f.Finish();
  ref_.evidence_kinds = evidence_kinds_;
  ref_.evidence_kind_labels = evidence_kind_labels_;
  CheckGraph();
  CheckChapters();
}

void ReferentialParser::CheckGraph() {
  if (ref_.criteria.empty()) return;
  CriteriaGraph graph(ref_);
  const std::vector<CycleGroup>& groups = graph.CycleGroups();
  for (size_t g = 0; g < groups.size(); ++g) {
    const CycleGroup& group = groups[g];
    const Cycle& cycle = group.shortest;
    // Point at the `requires` entry that closes the cycle: from cycle[0] to cycle[1].
    const Criterion& from = ref_.criteria[static_cast<size_t>(cycle[0])];
    SourceLocation where = from.where;
    for (const Link& l : from.prerequisites) {
      if (l.target == cycle[1]) where = l.where;
    }
    if (max_cycle_groups_ > 0 && g == static_cast<size_t>(max_cycle_groups_)) {
      // The note stands where the first group not shown closes its loop.
      size_t rest = groups.size() - g;
      sink_.Add(Severity::kNote, "dependency-cycle", where,
                Singular(static_cast<long long>(rest))
                    ? Fmt("{} more group of mutually dependent criteria, from this one on, "
                          "not shown (--all-cycles shows them all)",
                          rest)
                    : Fmt("{} more groups of mutually dependent criteria, from this one on, "
                          "not shown (--all-cycles shows them all)",
                          rest));
      break;
    }
    std::string message = Fmt("dependency cycle: {}", CycleToString(ref_, cycle));
    if (group.members.size() + 1 > cycle.size()) {
      // More criteria depend on each other than this loop shows: the group is named once.
      constexpr size_t kNamed = 8;
      std::vector<std::string> ids;
      for (size_t k = 0; k < group.members.size() && k < kNamed; ++k) {
        ids.push_back(ref_.criteria[static_cast<size_t>(group.members[k])].id);
      }
      std::string more = group.members.size() > kNamed
                             ? Fmt(" and {} more", group.members.size() - kNamed)
                             : std::string();
      message += Fmt(", {} loop among {} mutually dependent criteria: {}{}",
                     group.shortest_exact ? Tr("the shortest") : Tr("a short"),
                     group.members.size(), fmt::join(ids, ", "), more);
    }
    sink_.Error("dependency-cycle", where, message);
    ++cycle_errors_;
  }
}

void ReferentialParser::CheckChapters() {
  // A chapter with no criterion in it or below it cannot be scored.
  std::vector<int> count(ref_.chapters.size(), 0);
  for (const Criterion& c : ref_.criteria) {
    for (int ch = c.chapter; ch >= 0; ch = ref_.chapters[static_cast<size_t>(ch)].parent) {
      ++count[static_cast<size_t>(ch)];
    }
  }
  for (size_t i = 0; i < ref_.chapters.size(); ++i) {
    if (count[i] == 0 && only_cycle_errors()) {
      sink_.Warning("empty-chapter", ref_.chapters[i].where,
                    Fmt("chapter '{}' holds no criterion", ref_.chapters[i].id));
    }
  }
  // Translations: every language the referential declares, on every tracked text.
  for (const auto& t : texts_) {
    for (const auto& [lang, s] : t.text.by_lang) {
      if (std::find(ref_.languages.begin(), ref_.languages.end(), lang) == ref_.languages.end()) {
        sink_.Warning(
            "undeclared-language", t.node->where,
            Fmt("{} has a '{}' text, but 'languages' does not list '{}'", t.what, lang, lang));
      }
    }
    for (const std::string& lang : ref_.languages) {
      if (t.text.by_lang.find(lang) == t.text.by_lang.end()) {
        sink_.Warning("missing-translation", t.node->where,
                      Fmt("{} has no '{}' text", t.what, lang));
      }
    }
  }
}

}  // namespace referential_internal

ReferentialLoad LoadReferentialFromString(const std::string& name, std::string text,
                                          const LoadOptions& options) {
  ReferentialLoad result;
  std::shared_ptr<const Referential> partial;  // the model, when the file had errors
  std::vector<Diagnostic> base_diagnostics;
  std::string sha256 = Sha256Hex(text);
  // A UTF-8 byte order mark is allowed and ignored.
  size_t bom = 0;
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    text.erase(0, 3);
    bom = 3;
  }
  auto source = std::make_shared<SourceFile>(name, std::move(text), bom);
  DiagnosticSink sink(source);
  YamlDocument doc;
  if (ParseYaml(source, options.limits, &sink, &doc)) {
    auto ref = std::make_shared<Referential>();
    ref->path = name;
    ref->sha256 = sha256;
    std::shared_ptr<const Referential> base =
        referential_internal::ResolveBase(doc.root(), options, &sink, &base_diagnostics);
    if (base) ref->sha256 = Sha256Hex(sha256 + ":" + base->sha256);
    referential_internal::ReferentialParser parser(&sink, ref.get());
    parser.set_max_cycle_groups(options.max_cycle_groups);
    parser.Parse(doc.root(), base.get());
    // A dependency cycle leaves the model whole: its policy is still checked.
    if (parser.only_cycle_errors()) CheckPolicy(*ref, &sink);  // engine/policy_check.h
    if (!sink.has_errors()) {
      result.referential = std::move(ref);
    } else {
      partial = std::move(ref);
    }
  }
  result.diagnostics = sink.Take();
  result.diagnostics.insert(result.diagnostics.end(), base_diagnostics.begin(),
                            base_diagnostics.end());
  if (!result.referential && partial &&
      std::all_of(result.diagnostics.begin(), result.diagnostics.end(), [](const Diagnostic& d) {
        return d.severity != Severity::kError || d.code == "dependency-cycle";
      })) {
    result.graph_only = std::move(partial);
  }
  return result;
}

ReferentialLoad LoadReferentialFile(const std::string& path, const LoadOptions& options) {
  std::string text;
  Diagnostic error;
  if (!ReadFileText(path, options.limits.max_file_bytes, &text, &error)) {
    ReferentialLoad result;
    result.diagnostics.push_back(std::move(error));
    return result;
  }
  LoadOptions with_dir = options;
  if (with_dir.base_dir.empty()) {
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    with_dir.base_dir = parent.empty() ? "." : parent.string();
  }
  return LoadReferentialFromString(path, std::move(text), with_dir);
}

}  // namespace sceau
