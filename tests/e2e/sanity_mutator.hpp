// Deterministic mutations of SIP messages for the end-to-end fuzz test: byte flips, SIP's
// delimiters dropped in at random, lines duplicated or removed, ranges cut, numbers blown up.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace sipline::test {

class SipMutator {
public:
    explicit SipMutator(uint32_t seed) : random_{seed} {}

    std::string mutate(std::string message) {
        const int operations = 1 + pick(4);
        for (int i = 0; i < operations && !message.empty(); ++i) {
            switch (pick(7)) {
            case 0: message[position(message)] = static_cast<char>(pick(256)); break;
            case 1: message.insert(position(message), std::string{delimiter()}); break;
            case 2: message.erase(position(message), 1 + pick(16)); break;
            case 3: duplicateLine(message); break;
            case 4: removeLine(message); break;
            case 5: message.resize(position(message)); break;
            case 6: blowUpNumber(message); break;
            }
        }
        return message;
    }

private:
    size_t pick(size_t bound) { return std::uniform_int_distribution<size_t>{0, bound - 1}(random_); }
    size_t position(const std::string &text) { return pick(text.size()); }

    std::string_view delimiter() {
        static constexpr std::string_view kDelimiters[] = {
            ";", ",", "\"", "<", ">", ":", "%", "=", "?", "@", " ", "\t", "\r\n", "\r\n ", std::string_view{"\0", 1},
            "\\", "SIP/2.0", ";tag=x", ";branch=z9hG4bK", "\r\n\r\n", "Proxy-Require: x\r\n", "Expires: x\r\n"};
        return kDelimiters[pick(std::size(kDelimiters))];
    }

    void duplicateLine(std::string &text) {
        const auto [begin, end] = lineAround(text, position(text));
        text.insert(begin, text.substr(begin, end - begin));
    }
    void removeLine(std::string &text) {
        const auto [begin, end] = lineAround(text, position(text));
        text.erase(begin, end - begin);
    }
    void blowUpNumber(std::string &text) {
        for (size_t tries = 0; tries < 8; ++tries) {
            const size_t at = position(text);
            if (text[at] >= '0' && text[at] <= '9') {
                text.insert(at, pick(2) ? "99999999999999999999" : "-");
                return;
            }
        }
    }
    static std::pair<size_t, size_t> lineAround(const std::string &text, size_t at) {
        const size_t begin = text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
        const size_t newline = text.find('\n', at);
        return {begin, newline == std::string::npos ? text.size() : newline + 1};
    }

    std::mt19937 random_;
};

}  // namespace sipline::test
