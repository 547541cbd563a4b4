#include "cli/batch_commands.h"

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>
#include <thread>

#include "cli/audit_commands.h"
#include "cli/audit_pipeline.h"
#include "cli/commands.h"
#include "cli/group_commands.h"
#include "cli/issuer_option.h"
#include "cli/messages.h"
#include "engine/contained_file.h"
#include "engine/referential_library.h"
#include "engine/referential_loader.h"
#include "engine/safe_text.h"
#include "engine/sha256.h"
#include "engine/wording.h"
#include "engine/yaml_tree.h"
#include "reports/atomic_file.h"

#ifndef SCEAU_VERSION
#define SCEAU_VERSION "0.0.0"
#endif

namespace sceau::cli {

namespace fs = std::filesystem;

int ShardOf(const std::string& relative_path, int shards) {
  uint64_t h = 14695981039346656037ull;  // FNV-1a 64
  for (unsigned char c : relative_path) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return static_cast<int>(h % static_cast<uint64_t>(shards)) + 1;
}

namespace {

// ---- The campaign -----------------------------------------------------------------------------

struct Entry {
  std::string path;  // the file, as it can be opened
  std::string rel;   // relative to the campaign's folder, with '/': names outputs, stamps, shard
  bool group = false;
  std::vector<std::string> members;   // a group's member dossiers, as they can be opened
  std::vector<std::string> depends;   // a group's previous group result (`previous.result`)
  std::string ref_id, ref_version;    // the referential a group file names
  std::optional<Diagnostic> problem;  // a LIST line that cannot be audited
};

struct Campaign {
  std::string root;  // the campaign's folder (absolute): stamps name inputs relative to it
  std::vector<Entry> entries;
  int referentials_skipped = 0;  // YAML files of the folder that are referentials, not dossiers
  int members_with_group = 0;    // member dossiers audited with their group, not on their own
  int outside_shard = 0;
};

std::string Normal(const fs::path& p) {
  std::error_code ec;
  fs::path a = fs::absolute(p, ec);
  return (ec ? p : a).lexically_normal().generic_string();
}

// What a YAML file of the campaign is, from its top-level keys written at the start of a line.
enum class FileKind { kDossier, kGroup, kReferential };

FileKind Classify(const std::string& text) {
  bool organisation = false, group = false, criteria = false;
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find('\n', at);
    std::string_view line(text.data() + at, (end == std::string::npos ? text.size() : end) - at);
    if (line.substr(0, 13) == "organisation:") organisation = true;
    if (line.substr(0, 6) == "group:") group = true;
    if (line.substr(0, 9) == "criteria:") criteria = true;
    if (end == std::string::npos) break;
    at = end + 1;
  }
  if (group) return FileKind::kGroup;
  if (criteria && !organisation) return FileKind::kReferential;
  return FileKind::kDossier;
}

// Reads the member list and the referential of a group file. Errors are left for the audit.
void ReadGroup(const std::string& path, const std::string& text, Entry* e) {
  auto source = std::make_shared<const SourceFile>(path, text);
  DiagnosticSink sink(source);
  YamlDocument doc;
  if (!ParseYaml(source, YamlLimits{}, &sink, &doc) || !doc.root() || !doc.root()->is_map()) return;
  if (const YamlNode* ref = doc.root()->Get("referential"); ref && ref->is_map()) {
    if (const YamlNode* id = ref->Get("id"); id && id->is_scalar()) e->ref_id = id->value;
    if (const YamlNode* v = ref->Get("version"); v && v->is_scalar()) e->ref_version = v->value;
  }
  fs::path dir = fs::path(path).parent_path();
  if (const YamlNode* prev = doc.root()->Get("previous"); prev && prev->is_map()) {
    const YamlNode* result = prev->Get("result");
    if (result && result->is_scalar() && !result->value.empty())
      e->depends.push_back((dir / result->value).string());
  }
  const YamlNode* group = doc.root()->Get("group");
  const YamlNode* members = group && group->is_map() ? group->Get("members") : nullptr;
  if (!members || !members->is_sequence()) return;
  for (const YamlNode* m : members->items) {
    if (m->is_scalar() && !m->value.empty()) e->members.push_back((dir / m->value).string());
  }
}

// A dossier of a campaign folder: YAML, or a spreadsheet grid (engine/grid_layout.h). The lock
// file a spreadsheet keeps beside an open grid ("~$grille.xlsx") is not one.
bool IsDossierFile(const fs::path& p) {
  const std::string ext = p.extension().string();
  if (ext == ".yaml" || ext == ".yml") return true;
  return (ext == ".xlsx" || ext == ".ods") && p.filename().string().rfind("~$", 0) != 0;
}

// Fills `*c` from a folder or a list. Returns false (with a message) when the input itself cannot
// be read.
bool ReadCampaign(const std::string& input, Campaign* c, std::string* error) {
  std::error_code ec;
  std::vector<Entry> files;
  if (fs::is_directory(input, ec)) {
    fs::path root(input);
    c->root = Normal(root);
    auto it =
        fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      *error = Fmt("cannot read the folder {}: {}", input, ec.message());
      return false;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) {
        *error = Fmt("cannot read the folder {}: {}", input, ec.message());
        return false;
      }
      std::string name = it->path().filename().string();
      std::error_code e2;
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory(e2)) it.disable_recursion_pending();
        continue;
      }
      if (!IsDossierFile(it->path()) || !it->is_regular_file(e2)) continue;
      Entry e;
      e.path = it->path().string();
      e.rel = it->path().lexically_relative(root).generic_string();
      files.push_back(std::move(e));
    }
    // In a stable order (directory order is not): which of two colliding files is refused, and
    // the order of the messages, do not depend on the file system.
    std::sort(files.begin(), files.end(),
              [](const Entry& a, const Entry& b) { return a.rel < b.rel; });
  } else {
    std::string text;
    Diagnostic read_error;
    if (!ReadFileText(input, 16u << 20, &text, &read_error)) {
      *error = RenderDiagnostic(read_error, RenderOptions{false, false});
      if (!error->empty() && error->back() == '\n') error->pop_back();
      return false;
    }
    fs::path base = fs::absolute(fs::path(input), ec).parent_path().lexically_normal();
    c->root = base.generic_string();
    std::set<std::string> seen;
    std::set<std::string> seen_files;  // the same file named through two paths (a symlinked folder)
    int line_no = 0;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      size_t hash = line.find('#');
      std::string raw = line;
      if (hash != std::string::npos) line.erase(hash);
      size_t b = line.find_first_not_of(" \t");
      if (b == std::string::npos) continue;
      size_t e = line.find_last_not_of(" \t");
      std::string p = line.substr(b, e - b + 1);
      fs::path full = fs::path(p).is_absolute() ? fs::path(p) : base / p;
      Entry entry;
      entry.path = full.lexically_normal().string();
      entry.rel = full.lexically_normal().lexically_relative(base).generic_string();
      auto problem = [&](const std::string& message) {
        Diagnostic d;
        d.code = "batch-list";
        d.file = input;
        d.where = {line_no, static_cast<int>(b) + 1, static_cast<int>(p.size())};
        d.message = message;
        d.source_line = raw;
        entry.problem = d;
      };
      if (entry.rel.empty() || entry.rel == "." || entry.rel.substr(0, 2) == ".." ||
          fs::path(entry.rel).is_absolute()) {
        entry.rel = p;
        problem(
            Fmt("'{}' is outside the list's folder: its reports would be written "
                "outside --out",
                p));
      } else if (!seen.insert(entry.rel).second) {
        continue;  // listed twice: audited once
      } else if (ContainedFile opened = ContainedFile::Open(base.string(), p); !opened.ok()) {
        // Resolved inside the list's folder, symbolic links included (engine/contained_file.h).
        if (opened.status() == ContainedStatus::kMissing) {
          problem(Fmt("'{}': no such file", p));
        } else {
          problem(Fmt("'{}' {}", p, opened.Problem("the list's folder")));
        }
      } else if (!seen_files.insert(opened.real_path()).second) {
        continue;  // the same file through another path: audited once
      }
      files.push_back(std::move(entry));
    }
  }
  // What each file is; the member dossiers of a group in the campaign are audited with it.
  std::set<std::string> members;
  for (Entry& e : files) {
    if (e.problem) continue;
    std::string text;
    Diagnostic read_error;
    if (!ReadFileText(e.path, 64u << 20, &text, &read_error)) continue;  // reported by the audit
    switch (Classify(text)) {
      case FileKind::kReferential:
        e.rel.clear();
        ++c->referentials_skipped;
        break;
      case FileKind::kGroup:
        e.group = true;
        ReadGroup(e.path, text, &e);
        for (const std::string& m : e.members) members.insert(Normal(m));
        break;
      case FileKind::kDossier:
        break;
    }
  }
  // OUT/x/y without extension, in lower case (case-insensitive file systems) -> the dossier or
  // group that writes it. A group writes OUT/x/g.* and OUT/x/g/<member>.*.
  std::map<std::string, std::string> reports;
  auto lower = [](std::string text) {
    for (char& ch : text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return text;
  };
  for (Entry& e : files) {
    if (e.rel.empty()) continue;
    if (!e.group && !e.problem && members.count(Normal(e.path))) {
      ++c->members_with_group;
      continue;
    }
    if (!e.problem) {
      fs::path rel(e.rel);
      fs::path stem = rel.parent_path() / rel.stem();
      std::vector<std::string> keys = {lower(stem.generic_string())};
      for (const std::string& m : e.members) {
        keys.push_back(lower((stem / fs::path(m).stem()).generic_string()));
      }
      for (const std::string& key : keys) {
        auto [it, fresh] = reports.emplace(key, e.rel);
        if (!fresh && it->second != e.rel) {
          Diagnostic d;
          d.code = "batch-collision";
          d.file = e.path;
          d.message =
              Fmt("its reports would overwrite those of '{}': rename one of them", it->second);
          e.problem = d;
          break;
        }
      }
    }
    c->entries.push_back(std::move(e));
  }
  return true;
}

// ---- Resume stamps ------------------------------------------------------------------------------
//
// After a dossier's reports are written, OUT/.sceau-batch/<rel>.stamp records what they were made
// from (inputs relative to the campaign's folder, reports relative to OUT, so that another campaign
// into the same OUT, or a copied OUT, is judged by its own files): the sceau version, the options
// that shape the reports, the SHA-256 of every input file (the dossier, its evidence files, the
// previous result it follows up, a group's members) and of the referential. A rerun skips the
// dossier when all of them are the same and every report is still there.

struct Stamp {
  std::string settings;  // version, formats, lang, separator: one line
  std::string ref_id, ref_version, ref_sha256;
  std::vector<std::pair<std::string, std::string>> inputs;  // (sha256 or "-" if absent, path)
  std::vector<std::string> outputs;                         // paths as written
};

std::string StampText(const Stamp& s) {
  std::string out = "sceau-batch-stamp 2\n";
  out += "settings " + s.settings + "\n";
  out += fmt::format("referential {} {} {}\n", s.ref_sha256, s.ref_id, s.ref_version);
  for (const auto& [sha, path] : s.inputs) out += fmt::format("input {} {}\n", sha, path);
  for (const std::string& o : s.outputs) out += "output " + o + "\n";
  return out;
}

bool ParseStamp(const std::string& text, Stamp* s) {
  std::istringstream in(text);
  std::string line;
  if (!std::getline(in, line) || line != "sceau-batch-stamp 2") return false;
  bool ref = false;
  while (std::getline(in, line)) {
    size_t sp = line.find(' ');
    if (sp == std::string::npos) return false;
    std::string key = line.substr(0, sp), rest = line.substr(sp + 1);
    if (key == "settings") {
      s->settings = rest;
    } else if (key == "referential") {
      std::istringstream r(rest);
      r >> s->ref_sha256 >> s->ref_id >> s->ref_version;
      ref = true;
    } else if (key == "input") {
      size_t sp2 = rest.find(' ');
      if (sp2 == std::string::npos) return false;
      s->inputs.emplace_back(rest.substr(0, sp2), rest.substr(sp2 + 1));
    } else if (key == "output") {
      s->outputs.push_back(rest);
    }
  }
  return ref && !s->outputs.empty();
}

std::string HashOrDash(const std::string& path) {
  std::string hex;
  if (!Sha256File(path, &hex)) return "-";  // a regular file, opened without blocking
  return hex;
}

// The files a dossier's result depends on, besides the dossier and the referential: its evidence
// files and the previous result it follows up, as the loaded dossier names them (whatever the
// formats asked for: no JSON needs to be rendered, nor parsed again).
void DependentFiles(const Dossier& d, std::vector<std::string>* files) {
  fs::path dir = fs::path(d.path).parent_path();
  for (const Evidence& e : d.evidence) {
    if (!e.file.empty()) files->push_back((dir / e.file).string());
  }
  if (d.previous) {
    const std::string& p = d.previous->path;  // relative to the dossier's folder
    files->push_back(fs::path(p).is_absolute() ? p : (dir / p).string());
  }
}

// ---- Running the batch ------------------------------------------------------------------------

enum class Status { kPending, kAudited, kSkipped, kFailed };

struct Outcome {
  Status status = Status::kPending;
  std::string report;  // diagnostics to print after the progress (failures, warnings)
  int warnings = 0;
};

struct Event {
  size_t index;
  Status status;
};

class Batch {
 public:
  Batch(const BatchOptions& o, const PipelineOptions& p, Campaign campaign, std::ostream& err)
      : o_(o),
        err_(err),
        p_(p),
        campaign_(std::move(campaign)),
        library_(FindReferentialsDir(o.referentials)),
        outcomes_(campaign_.entries.size()) {
    settings_ = fmt::format("sceau {} formats={} lang={} csv-separator={}", SCEAU_VERSION,
                            fmt::join(p.formats, ","), p.lang, p.csv_separator);
    // The directory's address is in the results (lifecycle.page_url) and their QR codes: another
    // one redoes every report. (Kept out of the line when there is none, so that older stamps
    // still match.)
    if (!p.directory_url.empty()) settings_ += " directory=" + p.directory_url;
  }

  void Work() {
    for (;;) {
      size_t i = next_.fetch_add(1);
      if (i >= campaign_.entries.size()) return;
      Outcome& out = outcomes_[i];
      try {
        Process(campaign_.entries[i], &out);
      } catch (const std::exception& e) {  // one dossier's failure never stops the others
        out.status = Status::kFailed;
        out.report += Fmt("{}: error: internal error: {}\n",
                          TerminalSafe(campaign_.entries[i].path), TerminalSafe(e.what()));
      } catch (...) {
        out.status = Status::kFailed;
        out.report += Fmt("{}: error: internal error\n", TerminalSafe(campaign_.entries[i].path));
      }
      // A collision's reports are another dossier's; a path outside the list names none.
      const Entry& entry = campaign_.entries[i];
      if (out.status == Status::kFailed && !entry.problem) {
        try {
          out.report += Discard(entry);
        } catch (const std::exception&) {
        }
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        events_.push_back({i, out.status});
      }
      cv_.notify_one();
    }
  }

  // Waits for events, shows progress; returns when every entry is done.
  void Watch();

  const std::vector<Outcome>& outcomes() const { return outcomes_; }
  const std::vector<Entry>& entries() const { return campaign_.entries; }

 private:
  std::string OutDir(const Entry& e) const {
    fs::path parent = fs::path(e.rel).parent_path();
    return (fs::path(o_.out) / parent).string();
  }
  std::string Stem(const Entry& e) const { return fs::path(e.rel).stem().string(); }
  // `path` relative to the folder `root` when it is under it, else absolute.
  static std::string Relative(const std::string& root, const std::string& path) {
    std::string full = Normal(path);
    std::string rel = fs::path(full).lexically_relative(root).generic_string();
    if (rel.empty() || rel == "." || rel.substr(0, 2) == "..") return full;
    return rel;
  }
  static std::string Resolve(const std::string& root, const std::string& path) {
    return fs::path(path).is_absolute() ? path : (fs::path(root) / path).string();
  }
  // A failed dossier leaves no report that looks current: its earlier reports (every format, a
  // group's member reports too) and its stamp are removed. Says so when there were some.
  std::string Discard(const Entry& e) {
    std::vector<fs::path> files = {StampPath(e)};
    for (const char* f : {"json", "csv", "pdf"}) {
      files.push_back(fs::path(OutDir(e)) / (Stem(e) + "." + f));
      for (const std::string& m : e.members) {
        files.push_back(fs::path(OutDir(e)) / Stem(e) / (fs::path(m).stem().string() + "." + f));
      }
    }
    int removed = 0;
    for (const fs::path& f : files) {
      std::error_code ec;
      if (fs::remove(f, ec) && f != fs::path(StampPath(e))) ++removed;
    }
    if (removed == 0) return "";
    return Singular(removed)
               ? Fmt("{}: note: {} earlier report removed: it no longer matches the dossier\n",
                     TerminalSafe(e.path), removed)
               : Fmt("{}: note: {} earlier reports removed: they no longer match the dossier\n",
                     TerminalSafe(e.path), removed);
  }
  std::string StampPath(const Entry& e) const {
    return (fs::path(o_.out) / ".sceau-batch" / (e.rel + ".stamp")).string();
  }

  std::string Render(const std::vector<Diagnostic>& diags) const {
    RenderOptions r;
    r.color = o_.color;
    std::string out;
    for (const Diagnostic& d : diags) out += RenderDiagnostic(d, r);
    return out;
  }

  // True when the stamp says the reports are up to date.
  bool Unchanged(const Entry& e) {
    std::string text;
    Diagnostic ignored;
    if (!ReadFileText(StampPath(e), 1u << 20, &text, &ignored)) return false;
    Stamp s;
    if (!ParseStamp(text, &s) || s.settings != settings_) return false;
    std::error_code ec;
    for (const std::string& o : s.outputs) {
      if (!fs::is_regular_file(Resolve(o_.out, o), ec)) return false;
    }
    for (const auto& [sha, path] : s.inputs) {
      if (HashOrDash(Resolve(campaign_.root, path)) != sha) return false;
    }
    std::string error;
    std::vector<Diagnostic> diags;
    std::shared_ptr<const Referential> ref =
        library_.Resolve(s.ref_id, s.ref_version, &error, &diags);
    return ref && ref->sha256 == s.ref_sha256;
  }

  bool WriteStamp(const Entry& e, Stamp s, std::string* error) {
    s.settings = settings_;
    // Inputs relative to the campaign's folder, reports relative to OUT (absolute only for an
    // input outside the campaign's folder).
    for (auto& input : s.inputs) input.second = Relative(campaign_.root, input.second);
    for (std::string& output : s.outputs) output = Relative(Normal(o_.out), output);
    std::error_code ec;
    fs::path path = StampPath(e);
    fs::create_directories(path.parent_path(), ec);
    if (ec) {
      *error = Fmt("cannot create the folder {}: {}", path.parent_path().string(), ec.message());
      return false;
    }
    return WriteFileAtomically(path.string(), StampText(s), error);
  }

  // The referential's diagnostics are shown once in the whole batch, with the first dossier that
  // names it.
  std::string ReferentialReport(const std::vector<Diagnostic>& diags) {
    if (diags.empty()) return "";
    std::lock_guard<std::mutex> lock(mutex_);
    if (!reported_referentials_.insert(diags.front().file).second) return "";
    return Render(diags);
  }

  void Process(const Entry& e, Outcome* out) {
    if (e.problem) {
      out->status = Status::kFailed;
      out->report = Render({*e.problem});
      return;
    }
    if (!o_.force && Unchanged(e)) {
      out->status = Status::kSkipped;
      return;
    }
    Stamp stamp;
    if (e.group) {
      // As `sceau audit GROUP.yaml` does it (cli/group_commands.h), its messages into a buffer
      // shown after the progress.
      AuditOptions ao;
      ao.dossier = e.path;
      ao.referentials = o_.referentials;
      ao.out = OutDir(e);
      ao.formats = p_.formats;
      ao.csv_separator = std::string(1, p_.csv_separator);
      ao.lang = p_.lang;
      ao.quiet = true;
      ao.color = o_.color;
      std::ostringstream text;  // the group's diagnostics, shown after the progress
      int rc = RunGroupAudit(ao, text, text);
      out->report = text.str();
      if (rc != kExitOk) {
        out->status = Status::kFailed;
        return;
      }
      std::string error;
      std::vector<Diagnostic> diags;
      std::shared_ptr<const Referential> ref =
          library_.Resolve(e.ref_id, e.ref_version, &error, &diags);
      stamp.ref_id = e.ref_id;
      stamp.ref_version = e.ref_version;
      stamp.ref_sha256 = ref ? ref->sha256 : "-";
      stamp.inputs.emplace_back(HashOrDash(e.path), e.path);
      for (const std::string& m : e.members) stamp.inputs.emplace_back(HashOrDash(m), m);
      for (const std::string& f : e.depends) stamp.inputs.emplace_back(HashOrDash(f), f);
      // The reports' layout of group_commands.h: <out>/<stem>.* and <out>/<stem>/<member>.*.
      for (const std::string& f : p_.formats) {
        stamp.outputs.push_back((fs::path(OutDir(e)) / (Stem(e) + "." + f)).string());
        for (const std::string& m : e.members) {
          stamp.outputs.push_back(
              (fs::path(OutDir(e)) / Stem(e) / (fs::path(m).stem().string() + "." + f)).string());
        }
      }
    } else {
      AuditRequest request{e.path, OutDir(e), Stem(e), campaign_.root, e.rel};
      DossierAudit a = AuditDossier(request, library_, p_);
      out->report = ReferentialReport(a.referential_diagnostics) + Render(a.diagnostics);
      out->warnings = a.warnings;
      if (!a.load.ok() || !a.evaluation.ok()) {
        out->status = Status::kFailed;
        out->report += Fmt("{}: {} error(s), {} warning(s): no report written\n",
                           TerminalSafe(e.path), a.errors, a.warnings);
        return;
      }
      if (a.exit_code != kExitOk) {
        out->status = Status::kFailed;
        out->report += Fmt("{}: error: {}\n", TerminalSafe(e.path), TerminalSafe(a.error));
        return;
      }
      stamp.ref_id = a.load.referential->id;
      stamp.ref_version = a.load.referential->version;
      stamp.ref_sha256 = a.load.referential->sha256;
      stamp.inputs.emplace_back(a.load.dossier->sha256, e.path);
      std::vector<std::string> files;
      DependentFiles(*a.load.dossier, &files);
      for (const std::string& f : files) stamp.inputs.emplace_back(HashOrDash(f), f);
      stamp.outputs = a.written;
    }
    std::string error;
    if (!WriteStamp(e, std::move(stamp), &error)) {
      // The reports are written; only a rerun's skip is lost.
      out->report += Fmt("{}: warning: reports written, but not the resume stamp: {}\n",
                         TerminalSafe(e.path), TerminalSafe(error));
      ++out->warnings;
    }
    out->status = Status::kAudited;
  }

  const BatchOptions& o_;
  std::ostream& err_;  // progress
  const PipelineOptions& p_;
  Campaign campaign_;
  ReferentialLibrary library_;
  std::string settings_;
  std::vector<Outcome> outcomes_;
  std::atomic<size_t> next_{0};
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Event> events_;
  std::set<std::string> reported_referentials_;
};

std::string Clock(double seconds) {
  long s = std::lround(std::max(0.0, seconds));
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

void Batch::Watch() {
  using clock = std::chrono::steady_clock;
  const size_t total = campaign_.entries.size();
  const auto start = clock::now();
  BatchOptions::Progress mode = o_.progress;
  if (mode == BatchOptions::Progress::kAuto) {
    const char* term = std::getenv("TERM");
    bool tty = ::isatty(STDERR_FILENO) == 1 && !(term && std::string(term) == "dumb");
    mode = tty ? BatchOptions::Progress::kBar : BatchOptions::Progress::kLines;
  }
  if (o_.quiet) mode = BatchOptions::Progress::kNone;
  size_t done = 0, failed = 0, worked = 0;
  auto last_draw = start - std::chrono::seconds(1);
  const int width = static_cast<int>(std::to_string(total).size());
  auto draw = [&] {
    double elapsed = std::chrono::duration<double>(clock::now() - start).count();
    double rate = elapsed > 0 ? static_cast<double>(worked) / elapsed : 0;
    constexpr int kBar = 30;
    int filled = total ? static_cast<int>(kBar * done / total) : kBar;
    std::string bar(static_cast<size_t>(filled), '=');
    if (filled < kBar) bar += '>';
    bar.resize(kBar, ' ');
    std::string eta = rate > 0 ? Clock(static_cast<double>(total - done) / rate) : "-:--";
    err_ << Fmt("\r[{}] {}/{}  {} failed  {:.1f}/s  ETA {}\033[K", bar, done, total, failed, rate,
                eta)
         << std::flush;
  };
  std::unique_lock<std::mutex> lock(mutex_);
  while (done < total) {
    cv_.wait_for(lock, std::chrono::milliseconds(200), [&] { return !events_.empty(); });
    std::deque<Event> events;
    events.swap(events_);
    lock.unlock();
    for (const Event& ev : events) {
      ++done;
      if (ev.status == Status::kFailed) ++failed;
      if (ev.status != Status::kSkipped) ++worked;
      if (mode == BatchOptions::Progress::kLines) {
        std::string word = ev.status == Status::kFailed    ? Tr("FAILED")
                           : ev.status == Status::kSkipped ? Tr("skipped")
                                                           : Tr("ok");
        err_ << fmt::format("[{:>{}}/{}] {:<7} {}\n", done, width, total, word,
                            TerminalSafe(campaign_.entries[ev.index].rel))
             << std::flush;
      }
    }
    // At most ten redraws a second, and the last one.
    if (mode == BatchOptions::Progress::kBar &&
        (done == total || clock::now() - last_draw >= std::chrono::milliseconds(100))) {
      draw();
      last_draw = clock::now();
    }
    lock.lock();
  }
  lock.unlock();
  if (mode == BatchOptions::Progress::kBar) err_ << "\n" << std::flush;
}

}  // namespace

int RunBatch(const BatchOptions& o, std::ostream& out, std::ostream& err) {
  for (const std::string& f : o.formats) {
    if (f != "json" && f != "csv" && f != "pdf") {
      err << Fmt("sceau batch: unknown format '{}': use json, csv, pdf\n", f);
      return kExitUsage;
    }
  }
  if (o.formats.empty()) {
    err << Tr("sceau batch: --format names no report: use json, csv, pdf\n");
    return kExitUsage;
  }
  if (o.jobs < 0) {
    err << Fmt("sceau batch: --jobs {}: give at least 1 (0: one per core)\n", o.jobs);
    return kExitUsage;
  }
  int shard_k = 0, shard_n = 0;
  if (!o.shard.empty()) {
    char slash = 0;
    std::istringstream in(o.shard);
    std::string rest;
    if (!(in >> shard_k >> slash >> shard_n) || slash != '/' || (in >> rest) || shard_n < 1 ||
        shard_k < 1 || shard_k > shard_n) {
      err << Fmt(
          "sceau batch: --shard '{}': expected K/N with 1 <= K <= N "
          "(e.g. 2/8)\n",
          o.shard);
      return kExitUsage;
    }
  }
  Campaign campaign;
  std::string error;
  if (!ReadCampaign(o.input, &campaign, &error)) {
    err << "sceau batch: " << error << "\n";
    return kExitInvalid;
  }
  size_t campaign_size = campaign.entries.size();
  if (shard_n > 0) {
    std::vector<Entry> kept;
    for (Entry& e : campaign.entries) {
      if (ShardOf(e.rel, shard_n) == shard_k) kept.push_back(std::move(e));
    }
    campaign.outside_shard = static_cast<int>(campaign.entries.size() - kept.size());
    campaign.entries = std::move(kept);
  }
  PipelineOptions p;
  p.formats = o.formats;
  p.csv_separator = o.csv_separator.empty() ? ',' : o.csv_separator[0];
  p.lang = o.lang;
  p.directory_url = o.directory_url;
  size_t jobs =
      o.jobs > 0 ? static_cast<size_t>(o.jobs) : std::max(1u, std::thread::hardware_concurrency());
  jobs = std::max<size_t>(1, std::min(jobs, campaign.entries.size()));
  int members = campaign.members_with_group, referentials = campaign.referentials_skipped;
  const auto start = std::chrono::steady_clock::now();
  Batch batch(o, p, std::move(campaign), err);
  std::vector<std::thread> workers;
  for (size_t i = 0; i < jobs && !batch.entries().empty(); ++i) {
    try {
      workers.emplace_back([&batch] { batch.Work(); });
    } catch (const std::system_error& e) {
      // The system refuses more threads: run with those that started.
      if (workers.empty()) {
        err << Fmt("sceau batch: cannot start a thread: {}\n", e.what());
        return kExitUsage;
      }
      err << Fmt("sceau batch: warning: only {} of {} jobs could start\n", workers.size(), jobs);
      break;
    }
  }
  if (!workers.empty()) jobs = workers.size();
  batch.Watch();
  for (std::thread& t : workers) t.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  size_t audited = 0, skipped = 0, failed = 0;
  int warnings = 0;
  for (const Outcome& outcome : batch.outcomes()) {
    audited += outcome.status == Status::kAudited;
    skipped += outcome.status == Status::kSkipped;
    failed += outcome.status == Status::kFailed;
    warnings += outcome.warnings;
    err << outcome.report;  // in campaign order, after the progress
  }
  if (!o.quiet) {
    size_t total = batch.entries().size();
    std::string scope =
        shard_n > 0 ? Fmt(" (shard {}/{} of {})", shard_k, shard_n, campaign_size) : "";
    out << Fmt("{}{}: {} audited, {} skipped (unchanged), {} failed\n",
               Singular(total) ? Fmt("{} dossier", total) : Fmt("{} dossiers", total), scope,
               audited, skipped, failed);
    if (members > 0) {
      out << (Singular(members)
                  ? Fmt("{} member dossier audited with its group, not on its own\n", members)
                  : Fmt("{} member dossiers audited with their group, not on their own\n",
                        members));
    }
    if (referentials > 0) {
      out << (Singular(referentials)
                  ? Fmt("{} referential file left out (not a dossier)\n", referentials)
                  : Fmt("{} referential files left out (not dossiers)\n", referentials));
    }
    double rate = seconds > 0 ? static_cast<double>(audited + failed) / seconds : 0;
    std::string warned;
    if (warnings > 0) {
      warned = Singular(warnings) ? Fmt(", {} warning", warnings) : Fmt(", {} warnings", warnings);
    }
    out << Fmt("{:.1f} s, {:.1f} dossiers/s, {}{}\n", seconds, rate,
               Singular(jobs) ? Fmt("{} job", jobs) : Fmt("{} jobs", jobs), warned);
  }
  return failed > 0 ? kExitInvalid : kExitOk;
}

// ---- The subcommand ---------------------------------------------------------------------------

CommandRun DeclareBatch(CLI::App& app) {
  struct Options {
    BatchOptions batch;
    std::string formats = "json,csv,pdf";
    std::string progress = "auto";
    std::string config;
  };
  auto o = std::make_shared<Options>();
  BatchOptions& b = o->batch;
  app.add_option(
         "INPUT", b.input,
         "A folder (every *.yaml, *.yml, *.xlsx, *.ods under it) or a text file listing dossiers")
      ->required();
  app.add_option("--jobs,-j", b.jobs, "Dossiers audited at once (default: one per core)");
  app.add_option("--out", b.out, "Folder for the reports: INPUT/x/y.yaml writes OUT/x/y.*")
      ->capture_default_str();
  app.add_option("--format", o->formats, "Reports to write, comma-separated: json, csv, pdf")
      ->capture_default_str();
  app.add_option("--shard", b.shard,
                 "K/N: only share K of N of the campaign (for array jobs), 1 <= K <= N");
  app.add_flag("--force", b.force,
               "Audit every dossier again, even those whose inputs have not changed");
  app.add_option("--referentials", b.referentials,
                 "Folder of referentials (default: $SCEAU_REFERENTIALS, else ./referentials)");
  CLI::Option* lang = AddLanguageOption(app, &b.lang, "the CSV and the PDF");
  app.add_option("--config", o->config,
                 "Issuer configuration whose directory.base_url puts each certificate's page in "
                 "its result and a QR code of it on its PDF (default: $SCEAU_CONFIG, else "
                 "~/.config/sceau/sceau.yaml when it exists)");
  app.add_option("--csv-separator", b.csv_separator, "CSV separator: ',' or ';'")
      ->check(CLI::IsMember({",", ";"}))
      ->capture_default_str();
  app.add_option("--progress", o->progress,
                 "auto (a bar on a terminal, else one line per dossier), bar, lines, none")
      ->check(CLI::IsMember({"auto", "bar", "lines", "none"}))
      ->capture_default_str();
  app.footer(
      "A rerun skips the dossiers whose inputs (dossier, referential, evidence files) have not\n"
      "changed since their reports were written (stamps in OUT/.sceau-batch/).\n"
      "Exit codes: 0 every dossier audited or unchanged, 1 some dossier failed (each reported\n"
      "after the progress), 2 usage error.");
  return [o, lang](const CommandContext& c) {
    BatchOptions options = o->batch;
    options.lang = CommandLanguage(lang, options.lang);
    options.formats.clear();
    std::istringstream in(o->formats);
    for (std::string f; std::getline(in, f, ',');) {
      if (!f.empty()) options.formats.push_back(f);
    }
    options.referentials = FindReferentialsDir(options.referentials, c.env);
    if (!ReadDirectoryUrl(o->config, c.color, c.err, &options.directory_url)) return kExitInvalid;
    options.quiet = c.quiet;
    options.color = c.color;
    const std::string& p = o->progress;
    options.progress = p == "bar"         ? BatchOptions::Progress::kBar
                       : p == "lines"     ? BatchOptions::Progress::kLines
                       : p == "none"      ? BatchOptions::Progress::kNone
                       : CanRedraw(c.env) ? BatchOptions::Progress::kBar
                                          : BatchOptions::Progress::kLines;
    return RunBatch(options, c.out, c.err);
  };
}

}  // namespace sceau::cli
