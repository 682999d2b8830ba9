// What the daemon answers to each RFC 4475 torture message sent byte-exact: the status line of
// its reply, or "" for no answer at all, under the two shipped sanity configs:
//   edge      conf/examples/sanity-edge.toml  every check (131071) over every URI
//   rfc_clean conf/examples/sanity.toml       checks 1..8192: every message RFC 4475 calls valid passes
// "No answer" is right when the core cannot frame or route the message (unparsable, a Via it
// cannot use, a reply whose top Via is not ours), when sanity finds no reply can be built
// (Kamailio's no-reply flag) and when the failing check is a silent one (see
// plugins/sanity/README.md).
#pragma once

namespace sipline::test {

struct TortureExpectation {
    const char *name;
    const char *edge;      // sanity-edge.toml
    const char *rfc_clean; // sanity.toml
    bool over_tcp;         // also sent on a TCP connection (messages that frame on a stream)
    const char *why;
};

inline constexpr const char *kOk = "SIP/2.0 200 OK";

inline constexpr TortureExpectation kTortureCorpus[] = {
    // 3.1.1 Valid messages.
    {"wsinv", "", kOk, true, "valid; edge: its branch lacks z9hG4bK (rfc3261_compliance, silent)"},
    {"intmeth", "", kOk, true, "valid; edge: a 43-character method, size_method is 32 (sizes, silent)"},
    {"esc01", kOk, kOk, true, "valid"},
    {"escnull", kOk, kOk, true, "valid"},
    {"esc02", kOk, kOk, true, "valid"},
    {"lwsdisp", kOk, kOk, true, "valid"},
    {"longreq", "", kOk, true, "valid; edge: URIs over 256 bytes (sizes, silent)"},
    {"dblreq", kOk, kOk, false, "valid; the INVITE after the REGISTER is discarded (RFC 3261 18.3)"},
    {"semiuri", kOk, kOk, true, "valid"},
    {"transports", kOk, kOk, true, "valid"},
    {"mpart01", "", kOk, true, "valid; edge: a Route without ;lr (rfc3261_compliance, silent)"},
    {"unreason", "", "", false, "a reply whose top Via is not ours: the core drops it"},
    {"noreason", "", "", false, "a reply whose top Via is not ours: the core drops it"},
    // 3.1.2 Invalid messages.
    {"badinv01", "", "", false, "the core drops it: its Via does not parse"},
    {"clerr", "", "", false, "the core drops it: Content-Length larger than the datagram"},
    {"ncl", "", "SIP/2.0 400 Bad Headers", false,
     "Content-Length -999; edge: sizes runs first and needs every header parsed (silent)"},
    {"scalar02", "SIP/2.0 400 CSeq number is illegal", "SIP/2.0 400 CSeq number is illegal", true, "CSeq above 2^31"},
    {"scalarlg", "", "", false, "a reply whose top Via is not ours: the core drops it"},
    {"quotbal", "", "", false, "To does not parse: no reply can be built (edge: sizes fails first, silent)"},
    {"ltgtruri", "SIP/2.0 400 Bad Request URI", "SIP/2.0 400 Bad Request URI", true, "<> around the Request-URI"},
    {"lwsruri", "SIP/2.0 400 Bad Request URI", "SIP/2.0 400 Bad Request URI", true, "LWS inside the Request-URI"},
    {"lwsstart", kOk, kOk, true, "the core's parser tolerates several SP in the request line"},
    {"trws", kOk, kOk, true, "trailing SP after the version, tolerated as Kamailio does"},
    {"escruri", "SIP/2.0 400 Bad Request URI", "SIP/2.0 400 Bad Request URI", true,
     "URI headers in the Request-URI (RFC 3261 19.1.1)"},
    {"baddate", kOk, kOk, true, "a bad Date is for the UAS to judge"},
    {"regbadct", "SIP/2.0 400 Bad Contact URI", "SIP/2.0 400 Bad Contact URI", true, "'?' in a Contact addr-spec without <>"},
    {"badaspec", "SIP/2.0 400 Invalid To Header", "SIP/2.0 400 Invalid To Header", true, "spaces inside <> in To"},
    {"baddn", "", "", false, "the archive's copy has no empty line: the core cannot frame it"},
    {"badvers", "SIP/2.0 505 Version Not Supported (R-URI)", "SIP/2.0 505 Version Not Supported (R-URI)", true,
     "SIP/7.0"},
    {"mismatch01", "SIP/2.0 400 CSeq method does not match request method",
     "SIP/2.0 400 CSeq method does not match request method", true, "OPTIONS with CSeq INVITE"},
    {"mismatch02", "SIP/2.0 400 CSeq method does not match request method",
     "SIP/2.0 400 CSeq method does not match request method", true, "NEWMETHOD with CSeq INVITE"},
    {"bigcode", "", "", false, "the core drops it: a status code of ten digits"},
    // 3.2 Transaction layer semantics.
    {"badbranch", kOk, kOk, true, "a branch of just the magic cookie is still a branch"},
    {"zeromf", "SIP/2.0 483 Too Many Hops", "SIP/2.0 483 Too Many Hops", true,
     "Max-Forwards 0: maxfwd answers before sanity"},
    {"cparam01", kOk, kOk, true, "valid"},
    {"cparam02", kOk, kOk, true, "valid"},
    {"regescrt", kOk, kOk, true, "valid"},
    // 3.3 Application layer semantics.
    {"sdp01", kOk, kOk, true, "an unknown Accept is for the UAS"},
    {"inv2543", "", kOk, false,
     "RFC 2543 syntax; edge: no branch (via1_header, no reply); no Content-Length: not for TCP"},
    {"unkscm", "SIP/2.0 416 Unsupported URI Scheme in Request URI", "SIP/2.0 416 Unsupported URI Scheme in Request URI",
     true, "unknown Request-URI scheme"},
    {"novelsc", "SIP/2.0 416 Unsupported URI Scheme in Request URI",
     "SIP/2.0 416 Unsupported URI Scheme in Request URI", true, "unknown Request-URI scheme"},
    {"unksm2", "SIP/2.0 400 Invalid From Header", "SIP/2.0 400 Invalid From Header", true, "http: in From"},
    {"bext01", "SIP/2.0 420 Bad Proxy Require Extension", "SIP/2.0 420 Bad Proxy Require Extension", true,
     "Proxy-Require nobody supports"},
    {"invut", kOk, kOk, true, "an unknown body type is for the UAS"},
    {"regaut01", "", "", false, "a non-Digest Authorization fails digest_credentials silently"},
    {"multi01", "", "", false, "duplicated To, From, Call-ID and CSeq fail required_headers silently"},
    {"mcl01", "", "", false, "the core drops it: two different Content-Lengths"},
    {"bcast", "", "", false, "a reply whose top Via is not ours: the core drops it"},
    {"insuf", "", "", false, "no From, To or Call-ID: no reply can be built (edge: sizes fails first, silent)"},
};

}  // namespace sipline::test
