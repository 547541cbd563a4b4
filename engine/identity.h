// People's identities for the impartiality rule (DOMAIN.md rule 6): the decision maker must not
// be anyone who audited. Names are compared after normalisation, so that "Claire Martin",
// "claire  martin" and "Clàire Martin" are one person.
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

}  // namespace sceau

#endif  // SCEAU_ENGINE_IDENTITY_H_
