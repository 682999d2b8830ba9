// The broken requests sipp sends to the sanity edge, each with the exact status line it must
// get back, turned into one sipp scenario (sipp fails the call on a wrong code or reason). Bad
// CSeqs are not among them: sipp takes their replies for another transaction's (RFC 4475
// mismatch01/02 and scalar02 test those instead).
#pragma once

#include <string>
#include <vector>

namespace sipline::test {

struct SippCase {
    const char *what;
    const char *request_line; // sipp keywords ([remote_ip], ...) allowed
    const char *cseq;         // the CSeq value
    const char *extra;        // header lines to add, each ending in a newline
    const char *to_params;    // appended to the To header
    const char *expected;     // the whole status line
};

inline const std::vector<SippCase> &sippCases() {
    static const std::vector<SippCase> cases = {
        {"an extension nobody supports", "OPTIONS sip:bob@[remote_ip]:[remote_port] SIP/2.0", "1 OPTIONS",
         "Proxy-Require: noProxiesSupportThis\n", "", "SIP/2.0 420 Bad Proxy Require Extension"},
        {"a port out of range", "OPTIONS sip:bob@[remote_ip]:99999 SIP/2.0", "2 OPTIONS", "", "",
         "SIP/2.0 400 Bad Request URI"},
        {"an unknown scheme", "MESSAGE nobodyKnowsThisScheme:bob SIP/2.0", "3 MESSAGE", "", "",
         "SIP/2.0 416 Unsupported URI Scheme in Request URI"},
        {"SIP/7.0", "REGISTER sip:[remote_ip]:[remote_port] SIP/7.0", "4 REGISTER", "", "",
         "SIP/2.0 505 Version Not Supported (R-URI)"},
        {"Expires that is no number", "REGISTER sip:[remote_ip]:[remote_port] SIP/2.0", "5 REGISTER",
         "Expires: soon\n", "", "SIP/2.0 400 Expires value is illegal"},
        {"Digest credentials without a user", "OPTIONS sip:bob@[remote_ip]:[remote_port] SIP/2.0", "8 OPTIONS",
         "Authorization: Digest username=\"\", realm=\"[remote_ip]\", nonce=\"abc\", "
         "uri=\"sip:bob@[remote_ip]\", response=\"0123456789abcdef0123456789abcdef\"\n",
         "", "SIP/2.0 400 Auth Empty User"},
        {"two To tags", "OPTIONS sip:bob@[remote_ip]:[remote_port] SIP/2.0", "9 OPTIONS", "", ";tag=a;tag=b",
         "SIP/2.0 400 Many To Tag Params"},
        {"a Contact URI that does not parse", "OPTIONS sip:bob@[remote_ip]:[remote_port] SIP/2.0", "10 OPTIONS",
         "Contact: <sip:sipp@[local_ip]:99999>\n", "", "SIP/2.0 400 Bad Contact URI"},
        {"Max-Forwards 0 (maxfwd, before sanity)", "OPTIONS sip:bob@[remote_ip]:[remote_port] SIP/2.0",
         "11 OPTIONS", "", "", "SIP/2.0 483 Too Many Hops"},
        {"a good request", "OPTIONS sip:bob@[remote_ip]:[remote_port] SIP/2.0", "12 OPTIONS", "", "",
         "SIP/2.0 200 OK"},
    };
    return cases;
}

// A regular expression matching text literally.
inline std::string literalRegex(const std::string &text) {
    std::string out;
    for (const char c : text) {
        if (std::string{"\\^$.|?*+()[]{}"}.find(c) != std::string::npos) out += '\\';
        out += c;
    }
    return out;
}

inline std::string sippScenario() {
    std::string xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?>\n<scenario name=\"sanity: broken requests\">\n";
    std::string variables;
    int index = 0;
    for (const SippCase &c : sippCases()) {
        const std::string code = std::string{c.expected}.substr(8, 3);
        const std::string max_forwards = std::string{c.expected}.find("483") != std::string::npos ? "0" : "70";
        const std::string variable = "status" + std::to_string(++index);
        xml += "  <!-- " + std::string{c.what} + " -->\n  <send><![CDATA[\n";
        xml += std::string{c.request_line} + "\n";
        xml += "Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]\n";
        xml += "From: <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]\n";
        xml += "To: <sip:bob@[remote_ip]:[remote_port]>" + std::string{c.to_params} + "\n";
        xml += "Call-ID: [call_id]\n";
        xml += "CSeq: " + std::string{c.cseq} + "\n";
        xml += "Max-Forwards: " + max_forwards + "\n";
        xml += c.extra;
        xml += "Content-Length: 0\n\n]]></send>\n";
        // check_it fails the call unless the whole status line (up to its CR) is the expected one.
        xml += "  <recv response=\"" + code + "\"><action><ereg regexp=\"^" + literalRegex(c.expected) +
               "[[:cntrl:]]\" search_in=\"msg\" check_it=\"true\" assign_to=\"" + variable + "\"/></action></recv>\n";
        variables += (variables.empty() ? "" : ",") + variable;
    }
    xml += "  <Reference variables=\"" + variables + "\"/>\n</scenario>\n";
    return xml;
}

}  // namespace sipline::test
