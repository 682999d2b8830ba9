// Text from the configuration that may hold $variables ("$si", "ip:$si"), evaluated per
// message through the host's templates. A '$' that does not start a variable name stays a
// literal '$', so regular expressions such as "^10\.0\..*$" need no escaping.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <sipline/sdk/host.h>

namespace sipline::htable {

class DynamicText {
public:
    // [main-thread] Throws sdk::ConfigError with the host's reason when a variable is unknown.
    static DynamicText compile(const sipline_host_t *host, std::string_view text);
    static DynamicText constant(std::string text) { return DynamicText{nullptr, nullptr, std::move(text)}; }

    DynamicText(DynamicText &&other) noexcept
        : host_{other.host_}, template_{std::exchange(other.template_, nullptr)}, text_{std::move(other.text_)} {}
    DynamicText &operator=(DynamicText &&other) noexcept;
    ~DynamicText();

    bool isConstant() const noexcept { return template_ == nullptr; }
    const std::string &source() const noexcept { return text_; } // the constant, or the source text

    // [worker] The text for this message: an integer as decimal, $null as "<null>" (as
    // Kamailio prints it). nullopt when the host cannot evaluate it.
    std::optional<std::string> evaluate(sipline_msg_t *msg, sipline_run_t *run) const;

private:
    DynamicText(const sipline_host_t *host, sipline_template_t *compiled, std::string text)
        : host_{host}, template_{compiled}, text_{std::move(text)} {}

    const sipline_host_t *host_;
    sipline_template_t *template_;
    std::string text_;
};

// "table=>rest": the table name and the rest, split at the first "=>". Throws
// sdk::ConfigError when there is no "=>" or no table name.
std::pair<std::string, std::string> splitTableAndKey(std::string_view argument);

}  // namespace sipline::htable
