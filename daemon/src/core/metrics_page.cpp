#include "core/metrics_page.hpp"

#include <cmath>
#include <map>
#include <sstream>
#include <vector>

#include <sipline/sdk/plugin.h>

namespace sipline::core {
namespace {

// Samples grouped by metric name, in name order, as the text format wants them.
class MetricsText {
public:
    void add(const std::string &name, sipline_metric_kind kind, std::string_view help, std::string labels,
             double value) {
        Family &f = families_[name];
        if (f.help.empty()) {
            f.help = help;
            f.kind = kind;
        }
        f.samples.emplace_back(std::move(labels), value);
    }

    std::string render() const {
        std::ostringstream out;
        out.precision(17);
        for (const auto &[name, f] : families_) {
            out << "# HELP " << name << " " << f.help << "\n";
            out << "# TYPE " << name << " " << (f.kind == SIPLINE_METRIC_COUNTER ? "counter" : "gauge") << "\n";
            for (const auto &[labels, value] : f.samples) {
                out << name;
                if (!labels.empty()) out << "{" << labels << "}";
                out << " ";
                if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15)
                    out << static_cast<long long>(value);
                else out << value;
                out << "\n";
            }
        }
        return out.str();
    }

private:
    struct Family {
        std::string help;
        sipline_metric_kind kind = SIPLINE_METRIC_GAUGE;
        std::vector<std::pair<std::string, double>> samples;
    };
    std::map<std::string, Family> families_;
};

// What a plugin writes, named sipline_<plugin>_<name>; malformed names are skipped.
struct PluginSink {
    MetricsText *text;
    std::string prefix;
};

bool validName(std::string_view name) {
    if (name.empty() || !((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_')) return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

void pluginSample(const sipline_metrics_out_t *out, sipline_metric_kind kind, sipline_str_t name, sipline_str_t help,
                  sipline_str_t labels, double value) {
    auto *sink = static_cast<PluginSink *>(out->data);
    const std::string_view metric{name.data, name.len};
    if (!validName(metric)) return;
    if (kind != SIPLINE_METRIC_COUNTER && kind != SIPLINE_METRIC_GAUGE) return;
    sink->text->add(sink->prefix + std::string{metric}, kind, std::string_view{help.data, help.len},
                    std::string{labels.data, labels.len}, value);
}

void coreMetrics(MetricsText &m, const CoreMethodSources &s) {
    CoreTotals t;
    for (const CoreStats *w : s.worker_stats()) t.add(*w);
    for (size_t i = 0; i < kMethodCount; ++i)
        m.add("sipline_requests_received_total", SIPLINE_METRIC_COUNTER, "SIP requests received, by method",
              "method=\"" + std::string{kCountedMethods[i]} + "\"", static_cast<double>(t.requests_by_method[i]));
    for (size_t i = 0; i < 6; ++i) {
        const std::string label = "class=\"" + std::to_string(i + 1) + "xx\"";
        m.add("sipline_replies_received_total", SIPLINE_METRIC_COUNTER, "SIP replies received, by status class", label,
              static_cast<double>(t.replies_received_by_class[i]));
        m.add("sipline_replies_sent_total", SIPLINE_METRIC_COUNTER,
              "SIP replies sent (our own and relayed or forwarded ones), by status class", label,
              static_cast<double>(t.replies_sent_by_class[i]));
    }
    m.add("sipline_requests_forwarded_total", SIPLINE_METRIC_COUNTER, "Requests forwarded statelessly", "",
          static_cast<double>(t.requests_forwarded));
    m.add("sipline_parse_errors_total", SIPLINE_METRIC_COUNTER, "Messages that could not be parsed", "",
          static_cast<double>(t.parse_errors));
    m.add("sipline_dropped_total", SIPLINE_METRIC_COUNTER, "Messages dropped without an answer", "",
          static_cast<double>(t.dropped));
    m.add("sipline_shed_total", SIPLINE_METRIC_COUNTER, "New requests refused (503) or dropped under overload", "",
          static_cast<double>(t.shed));
    m.add("sipline_send_errors_total", SIPLINE_METRIC_COUNTER, "Messages that could not be sent", "",
          static_cast<double>(t.send_errors));
    m.add("sipline_tcp_connections", SIPLINE_METRIC_GAUGE, "Open TCP connections", "",
          static_cast<double>(s.connections ? s.connections->size() : 0));
    m.add("sipline_transactions", SIPLINE_METRIC_GAUGE, "Open transactions of the stateful relay", "",
          static_cast<double>(s.transactions ? s.transactions() : 0));
}

}  // namespace

std::string metricsPage(const CoreMethodSources &sources) {
    MetricsText text;
    coreMetrics(text, sources);
    for (const auto &p : sources.plugins->plugins()) {
        const sipline_plugin_t &d = *p->decl;
        const bool has_metrics = d.struct_size >= offsetof(sipline_plugin_t, metrics) + sizeof(d.metrics) && d.metrics;
        if (!has_metrics || !p->instance) continue;
        PluginSink sink{&text, "sipline_" + p->name + "_"};
        const sipline_metrics_out_t out{sizeof(sipline_metrics_out_t), &sink, pluginSample};
        d.metrics(p->instance, &out);
    }
    return text.render();
}

}  // namespace sipline::core
