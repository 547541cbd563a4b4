// Documents drawn from the certificate register: the certificate as it stands on a date, and the
// letter that notifies its holder of a suspension, a withdrawal or a reinstatement.
//
// The caller (`sceau register certificate|letter`) fills a RegisterDocument from the register's
// record, its history and the referential's time limits; these functions only draw. A certificate
// that is not active on `today` (suspended, withdrawn or expired, time limits applied) is drawn
// with a red banner naming its state and the first day it was no longer valid, and its state row
// in red: it never looks valid. The same document gives the same bytes.
#ifndef SCEAU_REPORTS_REGISTER_PDF_H_
#define SCEAU_REPORTS_REGISTER_PDF_H_

#include <string>
#include <vector>

#include "reports/pdf_writer.h"

namespace sceau {

struct RegisterDocumentSite {
  std::string name, address;  // address may be empty
};

struct RegisterDocument {
  std::string lang = "fr";  // "fr" or "en"
  std::string number;
  int revision = 0;
  std::string organisation, siret;
  std::vector<RegisterDocumentSite> sites;
  std::string referential_id, referential_version;
  std::string referential_title;    // in `lang`; empty when the referential was not found
  std::string issuer;               // the referential's publisher; may be empty
  std::string effective, expiry;    // YYYY-MM-DD
  std::string next_due, next_kind;  // the next audit, when the register knows it
  // The certified scope in `lang` (the caller falls back to another language when `lang` has
  // none); empty when the register does not know it: the document then names the audit whose
  // report states it.
  std::string scope;
  std::string last_audit_id;
  std::string today;  // the date the document speaks of, YYYY-MM-DD
  // The certificate's page in the public directory, in `lang`, drawn as a QR code with its
  // caption; empty: no QR code.
  std::string page_url;
  // The state on `today`, time limits applied: active, suspended, withdrawn or expired; and, when
  // not active, the first day of that state.
  std::string state, state_since;

  // The letter only: the last change of state in the history.
  std::string change;  // suspend, withdraw or reinstate
  std::string change_date, change_reason, change_who;
  std::string suspended_since;   // for a suspension: its first day
  std::string suspension_limit;  // for a suspension: the last day it can be lifted
  int suspension_months = 6;
};

// The certificate (one page). False with `*error` set if libharu fails; `out` is then empty.
bool RenderRegisterCertificatePdf(const RegisterDocument& doc, PdfOutput* out, std::string* error);
// The letter to the organisation about `doc.change`. False with `*error` set if `change` is not
// one of the three, or libharu fails.
bool RenderRegisterLetterPdf(const RegisterDocument& doc, PdfOutput* out, std::string* error);

}  // namespace sceau

#endif  // SCEAU_REPORTS_REGISTER_PDF_H_
