// A C++ face over sipline_metrics_out_t: counter()/gauge() with labels built and escaped here.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "../plugin.h"
#include "strings.hpp"

namespace sipline::sdk {

using Labels = std::initializer_list<std::pair<std::string_view, std::string_view>>;

class MetricsOut {
public:
    explicit MetricsOut(const sipline_metrics_out_t *out) noexcept : out_{out} {}

    void counter(std::string_view name, std::string_view help, Labels labels, double value) const {
        write(SIPLINE_METRIC_COUNTER, name, help, labels, value);
    }
    void gauge(std::string_view name, std::string_view help, Labels labels, double value) const {
        write(SIPLINE_METRIC_GAUGE, name, help, labels, value);
    }

    // A label value as Prometheus' text format wants it: \\, \" and \n escaped.
    static std::string escape(std::string_view value) {
        std::string out;
        for (char c : value) {
            if (c == '\n') {
                out += "\\n";
                continue;
            }
            if (c == '\\' || c == '"') out += '\\';
            out += c;
        }
        return out;
    }

private:
    void write(sipline_metric_kind kind, std::string_view name, std::string_view help, Labels labels,
               double value) const {
        std::string text;
        for (const auto &[key, val] : labels) {
            if (!text.empty()) text += ',';
            text.append(key).append("=\"").append(escape(val)).append("\"");
        }
        out_->sample(out_, kind, str(name), str(help), str(text), value);
    }

    const sipline_metrics_out_t *out_;
};

}  // namespace sipline::sdk
