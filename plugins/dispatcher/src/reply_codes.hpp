// ds_ping_reply_codes: which keepalive replies count as "alive" besides 2xx,
// as "code=NNN;class=N;..." (codes 100..699, classes 1..6).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace sipline::dispatcher {

struct ReplyCodes {
    std::set<int> codes;
    std::set<int> classes;
    bool accepts(int status) const noexcept;
};

// nullopt with `why` set when the text does not follow the format.
std::optional<ReplyCodes> parseReplyCodes(std::string_view text, std::string *why);

}  // namespace sipline::dispatcher
