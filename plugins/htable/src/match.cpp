#include "match.hpp"

#include <charconv>

namespace sipline::htable {

std::unique_ptr<Regex> Regex::compile(const std::string &pattern, std::string *why) {
    std::unique_ptr<Regex> out{new Regex};
    const int error = regcomp(&out->compiled_, pattern.c_str(), REG_EXTENDED | REG_ICASE | REG_NOSUB | REG_NEWLINE);
    if (error != 0) {
        char text[256];
        regerror(error, &out->compiled_, text, sizeof text);
        if (why) *why = "bad regular expression \"" + pattern + "\": " + text;
        return nullptr; // the destructor frees nothing: regcomp failed
    }
    out->compiled_ok_ = true;
    return out;
}

Regex::~Regex() {
    if (compiled_ok_) regfree(&compiled_);
}

bool Regex::search(const std::string &text) const noexcept {
    return regexec(&compiled_, text.c_str(), 0, nullptr, 0) == 0;
}

bool Matcher::operator()(const Cell &cell) const {
    if (op == MatchOp::All) return true;
    if (op == MatchOp::IntEquals) {
        const auto *number_value = std::get_if<int64_t>(&cell.value);
        return number_value && *number_value == number;
    }
    std::string_view subject = cell.name;
    if (on == MatchOn::Value) {
        const auto *text = std::get_if<std::string>(&cell.value);
        if (!text) return false; // only string values match text operators
        subject = *text;
    }
    switch (op) {
    case MatchOp::Regex: return regex->search(std::string{subject}); // regexec wants a C string
    case MatchOp::EndsWith: return subject.ends_with(operand);
    case MatchOp::StartsWith: return subject.starts_with(operand);
    case MatchOp::Equals: return subject == operand;
    case MatchOp::NotEquals: return subject != operand;
    case MatchOp::Contains: return subject.find(operand) != std::string_view::npos;
    default: return false;
    }
}

namespace {

std::optional<Matcher> withRegex(Matcher matcher, std::string *why) {
    std::unique_ptr<Regex> regex = Regex::compile(matcher.operand, why);
    if (!regex) return std::nullopt;
    matcher.regex = std::move(regex);
    return matcher;
}

}  // namespace

std::optional<Matcher> countMatcher(std::string_view expression, MatchOn on, std::string *why) {
    Matcher matcher{on, MatchOp::Regex, std::string{expression}, 0, nullptr};
    const std::string_view prefix = expression.substr(0, 2);
    const std::string operand{expression.size() >= 2 ? expression.substr(2) : std::string_view{}};
    if (prefix == "**") return Matcher{on, MatchOp::All, {}, 0, nullptr};
    if (prefix == "~~") matcher.operand = operand;
    else if (prefix == "~%") return Matcher{on, MatchOp::EndsWith, operand, 0, nullptr};
    else if (prefix == "%~") return Matcher{on, MatchOp::StartsWith, operand, 0, nullptr};
    else if (prefix == "==") return Matcher{on, MatchOp::Equals, operand, 0, nullptr};
    else if (prefix == "eq") {
        int64_t number = 0;
        const auto [end, error] = std::from_chars(operand.data(), operand.data() + operand.size(), number);
        if (error != std::errc{} || end != operand.data() + operand.size() || operand.empty()) {
            if (why) *why = "eq must be followed by an integer, got \"" + operand + "\"";
            return std::nullopt;
        }
        return Matcher{on, MatchOp::IntEquals, operand, number, nullptr};
    }
    return withRegex(std::move(matcher), why);
}

std::optional<Matcher> operatorMatcher(std::string_view op, std::string_view operand, MatchOn on,
                                       OperatorSet set, std::string *why) {
    Matcher matcher{on, MatchOp::Regex, std::string{operand}, 0, nullptr};
    if (op == "re") return withRegex(std::move(matcher), why);
    if (op == "sw") matcher.op = MatchOp::StartsWith;
    else if (set == OperatorSet::Remove && op == "ew") matcher.op = MatchOp::EndsWith;
    else if (set == OperatorSet::Remove && op == "in") matcher.op = MatchOp::Contains;
    else if (set == OperatorSet::Match && op == "eq") matcher.op = MatchOp::Equals;
    else if (set == OperatorSet::Match && op == "ne") matcher.op = MatchOp::NotEquals;
    else {
        if (why)
            *why = "unknown operator \"" + std::string{op} + "\" (expected " +
                   (set == OperatorSet::Remove ? "re, sw, ew or in" : "eq, ne, re or sw") + ")";
        return std::nullopt;
    }
    return matcher;
}

}  // namespace sipline::htable
