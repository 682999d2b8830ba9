#include "dynamic_text.hpp"

#include <sipline/sdk/cpp/host.hpp>

namespace sipline::htable {
namespace {

bool startsName(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

// The host's template syntax: "$$" is a literal '$'. Lone '$'s are doubled so that the
// host reads them as literals; `has_variables` tells whether any variable remains.
std::string escapeLoneDollars(std::string_view text, bool &has_variables, std::string &literal) {
    std::string escaped;
    has_variables = false;
    literal.clear();
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c != '$') {
            escaped += c;
            literal += c;
        } else if (i + 1 < text.size() && text[i + 1] == '$') {
            escaped += "$$";
            literal += '$';
            ++i;
        } else if (i + 1 < text.size() && startsName(text[i + 1])) {
            escaped += '$';
            has_variables = true;
        } else {
            escaped += "$$";
            literal += '$';
        }
    }
    return escaped;
}

void collectError(const sipline_diag_t *diag, sipline_str_t text) {
    auto *out = static_cast<std::string *>(diag->context);
    if (!out->empty()) *out += "; ";
    out->append(text.data, text.len);
}

}  // namespace

DynamicText DynamicText::compile(const sipline_host_t *host, std::string_view text) {
    bool has_variables = false;
    std::string literal;
    const std::string escaped = escapeLoneDollars(text, has_variables, literal);
    if (!has_variables) return constant(std::move(literal));
    std::string why;
    const sipline_diag_t diag{sizeof(sipline_diag_t), &why, collectError};
    sipline_template_t *compiled = nullptr;
    if (host->template_compile(host, {escaped.data(), escaped.size()}, &compiled, &diag) != SIPLINE_OK ||
        compiled == nullptr)
        throw sdk::ConfigError{"\"" + std::string{text} + "\": " + (why.empty() ? "cannot be compiled" : why)};
    return DynamicText{host, compiled, std::string{text}};
}

DynamicText &DynamicText::operator=(DynamicText &&other) noexcept {
    if (this != &other) {
        if (template_) host_->template_release(host_, template_);
        host_ = other.host_;
        template_ = std::exchange(other.template_, nullptr);
        text_ = std::move(other.text_);
    }
    return *this;
}

DynamicText::~DynamicText() {
    if (template_) host_->template_release(host_, template_);
}

std::optional<std::string> DynamicText::evaluate(sipline_msg_t *msg, sipline_run_t *run) const {
    if (!template_) return text_;
    sipline_value_t value{};
    if (host_->template_eval(template_, msg, run, &value) != SIPLINE_OK) return std::nullopt;
    switch (value.type) {
    case SIPLINE_VALUE_INT: return std::to_string(value.integer);
    case SIPLINE_VALUE_STR: return std::string{value.str.data ? value.str.data : "", value.str.len};
    default: return std::string{"<null>"};
    }
}

std::pair<std::string, std::string> splitTableAndKey(std::string_view argument) {
    const size_t arrow = argument.find("=>");
    if (arrow == std::string_view::npos)
        throw sdk::ConfigError{"\"" + std::string{argument} + "\" must be written table=>key"};
    if (arrow == 0) throw sdk::ConfigError{"\"" + std::string{argument} + "\" names no table before =>"};
    return {std::string{argument.substr(0, arrow)}, std::string{argument.substr(arrow + 2)}};
}

}  // namespace sipline::htable
