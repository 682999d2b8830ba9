// proxy_require (512): every option tag of the first Proxy-Require is one this proxy supports.
#include <string>

#include "checks.hpp"
#include "extension_list.hpp"
#include "sip_chars.hpp"

namespace sipline::sanity {
namespace {

bool isControl(char c) noexcept { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }

// A folded value may put CRLF+WSP inside an item; the Unsupported line gets one SP instead
// (RFC 3261 7.3.1 says they mean the same). Other control bytes are dropped: the reply must
// stay one valid header line whatever the request held.
std::string unfolded(std::string_view text) {
    std::string out;
    bool in_gap = false;
    for (const char c : text) {
        if (isLws(c)) {
            in_gap = true;
            continue;
        }
        if (isControl(c)) continue;
        if (in_gap && !out.empty()) out += ' ';
        in_gap = false;
        out += c;
    }
    return out;
}

}  // namespace

CheckOutcome checkProxyRequire(const CheckInput &in) {
    if (!in.progress.reaches({HeaderKind::ProxyRequire}))
        return CheckOutcome::reply(400, "Bad Proxy Require Header");
    const HeaderField *field = in.progress.found(HeaderKind::ProxyRequire);
    if (field == nullptr) return CheckOutcome::pass();
    const auto requested = splitExtensionList(field->value);
    if (!requested) return CheckOutcome::reply(400, "Bad Proxy Require Header");
    if (const auto unsupported = firstUnsupported(*requested, in.config.proxy_require))
        return CheckOutcome::reply(420, "Bad Proxy Require Extension",
                                   "Unsupported: " + unfolded(*unsupported) + "\r\n");
    return CheckOutcome::pass();
}

}  // namespace sipline::sanity
