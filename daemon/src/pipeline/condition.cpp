#include "pipeline/condition.hpp"

#include <cctype>
#include <charconv>
#include <stdexcept>
#include <variant>
#include <vector>

#include <re2/re2.h>

#include "pipeline/template.hpp"

namespace sipline::pipeline {

// ---- Tree -----------------------------------------------------------------------------------

class ConditionNode {
public:
    virtual ~ConditionNode() = default;
    virtual bool test(MessageContext &ctx) const = 0;
    // Operands also have a value; boolean nodes yield 1 or 0.
    virtual Value value(MessageContext &ctx) const { return Value::of(int64_t{test(ctx) ? 1 : 0}); }
};

namespace {

using NodePtr = std::unique_ptr<ConditionNode>;

class ConstantInt final : public ConditionNode {
public:
    explicit ConstantInt(int64_t v) : v_{v} {}
    bool test(MessageContext &) const override { return v_ != 0; }
    Value value(MessageContext &) const override { return Value::of(v_); }

private:
    int64_t v_;
};

class TemplateOperand final : public ConditionNode {
public:
    explicit TemplateOperand(Template t) : t_{std::move(t)} {}
    bool test(MessageContext &ctx) const override { return t_.evaluate(ctx).truthy(); }
    Value value(MessageContext &ctx) const override { return t_.evaluate(ctx); }

private:
    Template t_;
};

class VariableOperand final : public ConditionNode {
public:
    explicit VariableOperand(std::unique_ptr<PvRef> pv) : pv_{std::move(pv)} {}
    bool test(MessageContext &ctx) const override { return pv_->get(ctx).truthy(); }
    Value value(MessageContext &ctx) const override { return pv_->get(ctx); }

private:
    std::unique_ptr<PvRef> pv_;
};

class Not final : public ConditionNode {
public:
    explicit Not(NodePtr inner) : inner_{std::move(inner)} {}
    bool test(MessageContext &ctx) const override { return !inner_->test(ctx); }

private:
    NodePtr inner_;
};

class Logical final : public ConditionNode {
public:
    Logical(bool is_and, NodePtr l, NodePtr r) : is_and_{is_and}, l_{std::move(l)}, r_{std::move(r)} {}
    bool test(MessageContext &ctx) const override {
        return is_and_ ? (l_->test(ctx) && r_->test(ctx)) : (l_->test(ctx) || r_->test(ctx));
    }

private:
    bool is_and_;
    NodePtr l_, r_;
};

enum class CompareOp { Eq, Ne, Lt, Le, Gt, Ge };

std::string_view asText(const Value &v, std::string &scratch) {
    if (v.kind == Value::Kind::Str) return v.text;
    scratch = std::to_string(v.integer);
    return scratch;
}

class Compare final : public ConditionNode {
public:
    Compare(CompareOp op, NodePtr l, NodePtr r) : op_{op}, l_{std::move(l)}, r_{std::move(r)} {}
    bool test(MessageContext &ctx) const override {
        const Value a = l_->value(ctx), b = r_->value(ctx);
        if (op_ == CompareOp::Eq || op_ == CompareOp::Ne) {
            const bool equal = equals(a, b);
            return op_ == CompareOp::Eq ? equal : !equal;
        }
        auto x = a.asInt(), y = b.asInt();
        if (!x || !y) return false; // ordering only makes sense between integers
        switch (op_) {
        case CompareOp::Lt: return *x < *y;
        case CompareOp::Le: return *x <= *y;
        case CompareOp::Gt: return *x > *y;
        default: return *x >= *y;
        }
    }

private:
    static bool equals(const Value &a, const Value &b) {
        if (a.isNull() || b.isNull()) return a.isNull() && b.isNull();
        if (a.kind == Value::Kind::Int || b.kind == Value::Kind::Int) {
            auto x = a.asInt(), y = b.asInt();
            if (x && y) return *x == *y;
        }
        std::string s1, s2;
        return asText(a, s1) == asText(b, s2);
    }
    CompareOp op_;
    NodePtr l_, r_;
};

// =~ and !~ match with RE2: linear time in the subject whatever the pattern, so neither a
// long header nor a pattern with nested repetition can stall a worker or exhaust its stack
// (std::regex backtracks and recurses per character). POSIX extended syntax, as Kamailio's.
class RegexMatch final : public ConditionNode {
public:
    RegexMatch(NodePtr subject, std::unique_ptr<re2::RE2> re, bool negate)
        : subject_{std::move(subject)}, re_{std::move(re)}, negate_{negate} {}
    bool test(MessageContext &ctx) const override {
        const Value v = subject_->value(ctx);
        if (v.isNull()) return negate_;
        std::string scratch;
        const std::string_view text = asText(v, scratch);
        const bool found = re2::RE2::PartialMatch(re2::StringPiece{text.data(), text.size()}, *re_);
        return negate_ ? !found : found;
    }

private:
    NodePtr subject_;
    std::unique_ptr<re2::RE2> re_;
    bool negate_;
};

// ---- Parser ---------------------------------------------------------------------------------

class Parser {
public:
    Parser(std::string_view text, const plugins::SymbolTable *symbols) : text_{text}, symbols_{symbols} {}

    NodePtr parse() {
        NodePtr root = parseOr();
        skipSpace();
        if (pos_ < text_.size()) fail("unexpected '" + std::string{text_.substr(pos_, 1)} + "'");
        return root;
    }

private:
    [[noreturn]] void fail(const std::string &why) const {
        throw std::invalid_argument("condition \"" + std::string{text_} + "\": " + why + " at column " +
                                    std::to_string(pos_ + 1));
    }
    void skipSpace() {
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }
    bool accept(std::string_view token) {
        skipSpace();
        if (text_.substr(pos_, token.size()) != token) return false;
        pos_ += token.size();
        return true;
    }

    NodePtr parseOr() {
        NodePtr left = parseAnd();
        while (accept("||")) left = std::make_unique<Logical>(false, std::move(left), parseAnd());
        return left;
    }
    NodePtr parseAnd() {
        NodePtr left = parseUnary();
        while (accept("&&")) left = std::make_unique<Logical>(true, std::move(left), parseUnary());
        return left;
    }
    NodePtr parseUnary() {
        skipSpace();
        // '!' but not '!=' / '!~' (those only follow an operand, never start one)
        if (pos_ < text_.size() && text_[pos_] == '!') {
            ++pos_;
            return std::make_unique<Not>(parseUnary());
        }
        return parseComparison();
    }
    NodePtr parseComparison() {
        NodePtr left = parsePrimary();
        skipSpace();
        if (accept("=~")) return regex(std::move(left), false);
        if (accept("!~")) return regex(std::move(left), true);
        static const std::pair<std::string_view, CompareOp> ops[] = {
            {"==", CompareOp::Eq}, {"!=", CompareOp::Ne}, {"<=", CompareOp::Le},
            {">=", CompareOp::Ge}, {"<", CompareOp::Lt},  {">", CompareOp::Gt}};
        for (const auto &[token, op] : ops)
            if (accept(token)) return std::make_unique<Compare>(op, std::move(left), parsePrimary());
        return left;
    }
    NodePtr regex(NodePtr subject, bool negate) {
        skipSpace();
        if (pos_ >= text_.size() || (text_[pos_] != '"' && text_[pos_] != '\''))
            fail("the right side of =~ must be a \"regular expression\" literal");
        const std::string pattern = stringLiteral();
        re2::RE2::Options options;
        options.set_posix_syntax(true);
        options.set_perl_classes(true); // \d \s \w too, as operators write them
        options.set_log_errors(false);
        auto re = std::make_unique<re2::RE2>(pattern, options);
        if (!re->ok()) fail("bad regular expression \"" + pattern + "\": " + re->error());
        return std::make_unique<RegexMatch>(std::move(subject), std::move(re), negate);
    }
    NodePtr parsePrimary() {
        skipSpace();
        if (pos_ >= text_.size()) fail("expected a value");
        const char c = text_[pos_];
        if (c == '(') {
            ++pos_;
            NodePtr inner = parseOr();
            if (!accept(")")) fail("expected ')'");
            return inner;
        }
        if (c == '"' || c == '\'') {
            const std::string literal = stringLiteral();
            try {
                return std::make_unique<TemplateOperand>(Template::compile(literal, symbols_));
            } catch (const std::invalid_argument &e) {
                fail(e.what());
            }
        }
        if (c == '$') {
            std::string why;
            auto syntax = scanPv(text_.substr(pos_), &why);
            if (!syntax) fail(why);
            try {
                auto pv = PvRef::resolve(*syntax, symbols_);
                pos_ += syntax->length;
                return std::make_unique<VariableOperand>(std::move(pv));
            } catch (const std::invalid_argument &e) {
                fail(e.what());
            }
        }
        if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
            int64_t v = 0;
            auto [end, ec] = std::from_chars(text_.data() + pos_, text_.data() + text_.size(), v);
            if (ec != std::errc{}) fail("bad integer");
            pos_ = static_cast<size_t>(end - text_.data());
            return std::make_unique<ConstantInt>(v);
        }
        fail("expected a $variable, a \"string\", an integer or '('");
    }
    std::string stringLiteral() {
        const char quote = text_[pos_++];
        std::string out;
        while (pos_ < text_.size() && text_[pos_] != quote) {
            // Only \" \' and \\ are escapes; other backslashes stay (regular expressions).
            if (text_[pos_] == '\\' && pos_ + 1 < text_.size() &&
                (text_[pos_ + 1] == quote || text_[pos_ + 1] == '\\'))
                ++pos_;
            out += text_[pos_++];
        }
        if (pos_ >= text_.size()) fail("unterminated string");
        ++pos_;
        return out;
    }

    std::string_view text_;
    size_t pos_ = 0;
    const plugins::SymbolTable *symbols_;
};

}  // namespace

Condition Condition::compile(std::string_view text, const plugins::SymbolTable *symbols) {
    Condition out;
    out.source_ = std::string{text};
    out.root_ = Parser{out.source_, symbols}.parse();
    return out;
}

Condition::Condition(Condition &&) noexcept = default;
Condition &Condition::operator=(Condition &&) noexcept = default;
Condition::~Condition() = default;

bool Condition::evaluate(MessageContext &ctx) const { return root_->test(ctx); }

}  // namespace sipline::pipeline
