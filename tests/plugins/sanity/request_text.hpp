// Hand-written SIP messages for the checks' tests: a request every check accepts, which a test
// then breaks in exactly one place. Content-Length follows the body unless set explicitly.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sip_chars.hpp"

namespace sanity_test {

class RequestText {
public:
    explicit RequestText(std::string method = "INVITE", std::string ruri = "sip:bob@example.com")
        : start_line_{method + " " + ruri + " SIP/2.0"} {
        lines_ = {
            "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds",
            "Max-Forwards: 70",
            "To: Bob <sip:bob@example.com>",
            "From: Alice <sip:alice@example.com>;tag=1928301774",
            "Call-ID: a84b4c76e66710@pc33.example.com",
            "CSeq: 314159 " + method,
            "Contact: <sip:alice@pc33.example.com>",
        };
    }

    RequestText &startLine(std::string line) {
        start_line_ = std::move(line);
        return *this;
    }
    // Replaces the value of the first field with this name, or appends the field.
    RequestText &set(const std::string &name, const std::string &value) {
        for (std::string &line : lines_) {
            if (nameOf(line) == lower(name)) {
                line = name + ": " + value;
                return *this;
            }
        }
        lines_.push_back(name + ": " + value);
        return *this;
    }
    // Appends a raw header line (no CRLF), e.g. a second To or a folded value.
    RequestText &add(std::string line) {
        lines_.push_back(std::move(line));
        return *this;
    }
    // Inserts a raw header line first, before the Via.
    RequestText &addFirst(std::string line) {
        lines_.insert(lines_.begin(), std::move(line));
        return *this;
    }
    RequestText &remove(const std::string &name) {
        std::erase_if(lines_, [&](const std::string &line) { return nameOf(line) == lower(name); });
        return *this;
    }
    RequestText &body(std::string text) {
        body_ = std::move(text);
        return *this;
    }
    RequestText &contentLength(std::string value) {
        content_length_ = std::move(value);
        return *this;
    }
    RequestText &noContentLength() {
        content_length_ = "-";
        return *this;
    }

    std::string str() const {
        std::string out = start_line_ + "\r\n";
        for (const std::string &line : lines_) out += line + "\r\n";
        if (content_length_ != "-")
            out += "Content-Length: " + (content_length_.empty() ? std::to_string(body_.size()) : content_length_) + "\r\n";
        return out + "\r\n" + body_;
    }

private:
    static std::string lower(std::string text) {
        for (char &c : text) c = sipline::sanity::lowerAscii(c);
        return text;
    }
    static std::string nameOf(const std::string &line) {
        const size_t colon = line.find(':');
        std::string name = line.substr(0, colon);
        while (!name.empty() && name.back() == ' ') name.pop_back();
        return lower(name);
    }

    std::string start_line_;
    std::vector<std::string> lines_;
    std::string body_;
    std::string content_length_;
};

}  // namespace sanity_test
