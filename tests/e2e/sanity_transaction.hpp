// What ties a reply to its request's transaction (RFC 3261 17.1.3): the top Via's branch, the
// CSeq and the Call-ID, plus the To the reply must carry a tag in. Read tolerantly - folded
// lines, compact names, spaces before the colon - because the torture messages use them all.
#pragma once

#include <cctype>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace sipline::test {

struct TransactionKey {
    std::string branch;
    std::string cseq; // whitespace collapsed
    std::string call_id;
    bool operator==(const TransactionKey &) const = default;
};

inline std::string lowerCase(std::string_view text) {
    std::string out{text};
    for (char &c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

inline std::string collapseWhitespace(std::string_view text) {
    std::string out;
    bool gap = false;
    for (const char c : text) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            gap = !out.empty();
            continue;
        }
        if (gap) out += ' ';
        gap = false;
        out += c;
    }
    return out;
}

// The value of the first header field called `name` or its compact form, unfolded.
inline std::string fieldValue(const std::string &message, std::string_view name, std::string_view compact) {
    const size_t end = message.find("\r\n\r\n");
    const std::string head = message.substr(0, end == std::string::npos ? message.size() : end);
    std::vector<std::string> lines;
    size_t pos = head.find("\r\n"); // skip the start line
    while (pos != std::string::npos && pos < head.size()) {
        const size_t next = head.find("\r\n", pos + 2);
        std::string line = head.substr(pos + 2, (next == std::string::npos ? head.size() : next) - pos - 2);
        if (!lines.empty() && !line.empty() && (line[0] == ' ' || line[0] == '\t')) lines.back() += " " + line;
        else lines.push_back(line);
        pos = next;
    }
    for (const std::string &line : lines) {
        const size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        const std::string field = collapseWhitespace(line.substr(0, colon));
        if (lowerCase(field) == lowerCase(name) || lowerCase(field) == lowerCase(compact))
            return collapseWhitespace(line.substr(colon + 1));
    }
    return {};
}

inline std::string branchOf(const std::string &via) {
    const std::string first = via.substr(0, via.find(','));
    const size_t at = lowerCase(first).find("branch");
    if (at == std::string::npos) return {};
    size_t begin = first.find('=', at);
    if (begin == std::string::npos) return {};
    ++begin;
    while (begin < first.size() && first[begin] == ' ') ++begin;
    size_t end = begin;
    while (end < first.size() && first[end] != ';' && first[end] != ' ') ++end;
    return first.substr(begin, end - begin);
}

inline TransactionKey transactionKeyOf(const std::string &message) {
    return {.branch = branchOf(fieldValue(message, "Via", "v")),
            .cseq = fieldValue(message, "CSeq", "CSeq"),
            .call_id = fieldValue(message, "Call-ID", "i")};
}

inline std::ostream &operator<<(std::ostream &out, const TransactionKey &key) {
    return out << "{branch '" << key.branch << "', CSeq '" << key.cseq << "', Call-ID '" << key.call_id << "'}";
}

}  // namespace sipline::test
