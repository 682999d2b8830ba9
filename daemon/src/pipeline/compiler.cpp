#include "pipeline/compiler.hpp"

#include <algorithm>
#include <charconv>
#include <set>
#include <stdexcept>

#include "pipeline/steps.hpp"

namespace sipline::pipeline {
namespace {

using config::SourceLocation;

constexpr std::string_view kVerbs[] = {"call", "if", "do", "reply", "log", "route", "set", "return"};

bool validRouteName(std::string_view name) {
    if (name.empty()) return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
    return true;
}

class Compiler {
public:
    Compiler(const config::Config &config, const plugins::SymbolTable &symbols)
        : config_{config}, symbols_{symbols} {}

    std::unique_ptr<Program> compile() {
        auto program = std::make_unique<Program>();
        if (!config_.routes) {
            diag_.error({config_.path, 0}, "no [[route.request]] steps: the daemon would drop every request");
            throw config::ConfigError{diag_};
        }
        for (const auto &[key, node] : *config_.routes) {
            const std::string name{key.str()};
            const SourceLocation where = config_.locate(node);
            if (!validRouteName(name)) {
                diag_.error(where, "route name '" + name + "' must use a-z, 0-9, '_' or '-'");
                continue;
            }
            const toml::array *steps = node.as_array();
            if (!steps) {
                diag_.error(where, "route." + name + " must be written as [[route." + name + "]] steps");
                continue;
            }
            auto route = std::make_unique<Route>();
            route->name = name;
            current_route_ = name;
            route->steps = block(*steps, where);
            program->add(std::move(route));
        }
        if (!program->request())
            diag_.error({config_.path, 0}, "no [[route.request]] steps: the daemon would drop every request");
        linkRoutes(*program);
        checkRouteKinds(*program);
        if (!diag_.ok()) throw config::ConfigError{diag_};
        return program;
    }

private:
    // ---- Blocks and steps -------------------------------------------------------------------

    Block block(const toml::array &steps, const SourceLocation &where) {
        Block out;
        for (const auto &item : steps) append(out, item, where);
        return out;
    }

    // An action: "forward" / "drop" / "exit" / "return" / "route:NAME" / "continue",
    // a step table, or an array of steps.
    Block action(const toml::node &node) {
        Block out;
        append(out, node, config_.locate(node));
        return out;
    }

    void append(Block &out, const toml::node &node, const SourceLocation &outer) {
        SourceLocation where = config_.locate(node);
        if (where.line == 0) where = outer;
        if (const auto *text = node.as_string()) {
            if (auto step = shorthand(text->get(), where)) out.push_back(std::move(step));
            return;
        }
        if (const auto *array = node.as_array()) {
            for (const auto &item : *array) append(out, item, where);
            return;
        }
        if (const auto *table = node.as_table()) {
            stepTable(out, *table, where);
            return;
        }
        diag_.error(where, "a step must be a table, an array of steps, or one of \"forward\", \"drop\", "
                           "\"exit\", \"return\", \"route:NAME\", \"continue\"");
    }

    std::unique_ptr<Step> shorthand(const std::string &text, const SourceLocation &where) {
        if (text == "forward") return std::make_unique<ForwardStep>(where);
        if (text == "relay") return std::make_unique<RelayStep>(where);
        if (text.rfind("on_failure:", 0) == 0 || text.rfind("on_reply:", 0) == 0) {
            const bool failure = text[3] == 'f';
            auto step = std::make_unique<ArmRouteStep>(where, failure ? ArmRouteStep::Kind::Failure : ArmRouteStep::Kind::Reply,
                                                       text.substr(failure ? 11 : 9));
            route_arms_.push_back(step.get());
            return step;
        }
        if (text == "drop") return std::make_unique<StopStep>(where, true);
        if (text == "exit") return std::make_unique<StopStep>(where, false);
        if (text == "return") return std::make_unique<ReturnStep>(where, 1);
        if (text == "continue") return nullptr;
        if (text.rfind("route:", 0) == 0) return routeStep(text.substr(6), where);
        diag_.error(where, "unknown action \"" + text +
                               "\" (expected forward, relay, drop, exit, return, continue, route:NAME, on_failure:NAME or on_reply:NAME)");
        return nullptr;
    }

    std::unique_ptr<Step> routeStep(const std::string &name, const SourceLocation &where) {
        auto step = std::make_unique<RouteStep>(where, name);
        route_calls_.push_back({step.get(), current_route_});
        return step;
    }

    void stepTable(Block &out, const toml::table &table, const SourceLocation &table_where) {
        // Errors point at the verb's own line, which is more precise than the [[route.X]] header.
        std::string verb;
        SourceLocation where = table_where;
        for (std::string_view candidate : kVerbs) {
            if (!table.contains(candidate)) continue;
            if (verb.empty()) {
                const SourceLocation at = config_.locate(*table.get(candidate));
                if (at.line != 0) where = at;
            } else {
                diag_.error(where, "a step has one of call/if/do/reply/log/route/set/return; this one has both '" +
                                       verb + "' and '" + std::string{candidate} + "'");
                return;
            }
            verb = candidate;
        }
        if (verb.empty()) {
            diag_.error(where, "a step needs one of: call, if, do, reply, log, route, set, return");
            return;
        }
        std::set<std::string_view> allowed{verb};
        if (verb == "call") allowed.insert({"args", "on_true", "on_false", "on", "then"});
        else if (verb == "if") allowed.insert({"then", "else"});
        else if (verb == "log") allowed.insert({"level", "then"});
        else if (verb != "reply" && verb != "return") allowed.insert("then");
        for (const auto &[key, node] : table)
            if (!allowed.count(key.str()))
                diag_.error(config_.locate(node), "unknown key '" + std::string{key.str()} + "' in a '" + verb + "' step");

        const toml::node &value = *table.get(verb);
        std::unique_ptr<Step> step;
        if (verb == "call") step = callStep(table, value, where);
        else if (verb == "if") step = ifStep(table, value, where);
        else if (verb == "do") {
            if (!value.is_string()) diag_.error(where, "do must be one of \"forward\", \"drop\", \"exit\", \"return\", \"route:NAME\"");
            else step = shorthand(value.as_string()->get(), where);
        } else if (verb == "reply") step = replyStep(value, where);
        else if (verb == "log") step = logStep(table, value, where);
        else if (verb == "route") {
            if (!value.is_string()) diag_.error(where, "route must name a route: route = \"NAME\"");
            else step = routeStep(value.as_string()->get(), where);
        } else if (verb == "set") step = setStep(value, where);
        else if (verb == "return") {
            auto v = value.value<int64_t>();
            if (!value.is_integer() || !v || *v < INT32_MIN || *v > INT32_MAX)
                diag_.error(where, "return must be an integer");
            else step = std::make_unique<ReturnStep>(where, static_cast<int32_t>(*v));
        }
        if (step) out.push_back(std::move(step));
        if (verb != "if")
            if (const toml::node *then = table.get("then")) append(out, *then, where);
    }

    std::unique_ptr<CallSite> callSite(const std::string &name, const toml::array *args, const SourceLocation &where) {
        const plugins::BoundFunction *fn = symbols_.findFunction(name);
        if (!fn) {
            const size_t dot = name.find('.');
            if (dot == std::string::npos)
                diag_.error(where, "unknown function '" + name + "': write it as plugin.function, e.g. maxfwd.process");
            else if (!symbols_.hasPlugin(name.substr(0, dot)))
                diag_.error(where, "unknown function '" + name + "': plugin '" + name.substr(0, dot) +
                                       "' is not loaded (add a [plugins." + name.substr(0, dot) + "] section)");
            else
                diag_.error(where, "unknown function '" + name + "': plugin '" + name.substr(0, dot) +
                                       "' has no such function");
            return nullptr;
        }
        try {
            auto site = std::make_unique<CallSite>(*fn, args, &symbols_);
            uses_.push_back({current_route_, fn, where});
            return site;
        } catch (const std::invalid_argument &e) {
            diag_.error(where, e.what());
            return nullptr;
        }
    }

    std::unique_ptr<Step> callStep(const toml::table &table, const toml::node &value, const SourceLocation &where) {
        if (!value.is_string()) {
            diag_.error(where, "call must name a function: call = \"plugin.function\"");
            return nullptr;
        }
        const toml::node *args_node = table.get("args");
        const toml::array *args = nullptr;
        if (args_node) {
            args = args_node->as_array();
            if (!args) {
                diag_.error(config_.locate(*args_node), "args must be an array, e.g. args = [10]");
                return nullptr;
            }
        }
        auto site = callSite(value.as_string()->get(), args, where);
        if (!site) return nullptr;
        auto step = std::make_unique<CallStep>(where, std::move(site));
        if (const toml::node *n = table.get("on_true")) step->on_true = action(*n);
        if (const toml::node *n = table.get("on_false")) step->on_false = action(*n);
        if (const toml::node *n = table.get("on")) {
            const toml::table *codes = n->as_table();
            if (!codes) diag_.error(config_.locate(*n), "on must map return codes to actions: on = { \"-1\" = ... }");
            else
                for (const auto &[key, node] : *codes) {
                    int32_t code = 0;
                    std::string_view text = key.str();
                    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), code);
                    if (ec != std::errc{} || end != text.data() + text.size() || code == 0)
                        diag_.error(config_.locate(node), "on: '" + std::string{text} +
                                                              "' is not a non-zero return code (0 always stops)");
                    else step->on_code.emplace(code, action(node));
                }
        }
        return step;
    }

    std::unique_ptr<Step> replyStep(const toml::node &value, const SourceLocation &where) {
        const toml::array *args = value.as_array();
        if (!args || args->size() != 2) {
            diag_.error(where, "reply must be [code, \"reason\"], e.g. reply = [404, \"Not Found\"]");
            return nullptr;
        }
        if (!symbols_.hasPlugin("sl")) {
            diag_.error(where, "reply needs the sl plugin, which sends stateless replies: add a [plugins.sl] section");
            return nullptr;
        }
        auto site = callSite("sl.send_reply", args, where);
        return site ? std::make_unique<ReplyStep>(where, std::move(site)) : nullptr;
    }

    std::unique_ptr<Step> ifStep(const toml::table &table, const toml::node &value, const SourceLocation &where) {
        if (!value.is_string()) {
            diag_.error(where, "if must be a condition string, e.g. if = '$rm == \"OPTIONS\"'");
            return nullptr;
        }
        if (!table.contains("then") && !table.contains("else")) {
            diag_.error(where, "an if step needs then and/or else");
            return nullptr;
        }
        try {
            auto step = std::make_unique<IfStep>(where, Condition::compile(value.as_string()->get(), &symbols_));
            if (const toml::node *n = table.get("then")) step->then_block = action(*n);
            if (const toml::node *n = table.get("else")) step->else_block = action(*n);
            return step;
        } catch (const std::invalid_argument &e) {
            diag_.error(where, e.what());
            return nullptr;
        }
    }

    std::unique_ptr<Step> logStep(const toml::table &table, const toml::node &value, const SourceLocation &where) {
        if (!value.is_string()) {
            diag_.error(where, "log must be a string");
            return nullptr;
        }
        log::Level level = log::Level::Info;
        if (const toml::node *n = table.get("level")) {
            if (!n->is_string() || !log::parseLevel(n->as_string()->get(), level))
                diag_.error(config_.locate(*n), "level must be error, warning, info or debug");
        }
        try {
            return std::make_unique<LogStep>(where, Template::compile(value.as_string()->get(), &symbols_), level);
        } catch (const std::invalid_argument &e) {
            diag_.error(where, e.what());
            return nullptr;
        }
    }

    std::unique_ptr<Step> setStep(const toml::node &value, const SourceLocation &where) {
        const toml::table *pairs = value.as_table();
        if (!pairs || pairs->empty()) {
            diag_.error(where, "set must be a table of assignments: set = { \"$du\" = \"sip:10.0.0.1\" }");
            return nullptr;
        }
        auto step = std::make_unique<SetStep>(where);
        // Assignments run as written: toml++ keeps a table's keys sorted, so order by position.
        std::vector<std::pair<std::string, const toml::node *>> ordered;
        for (const auto &[key, node] : *pairs) ordered.emplace_back(std::string{key.str()}, &node);
        std::stable_sort(ordered.begin(), ordered.end(), [](const auto &a, const auto &b) {
            const auto &pa = a.second->source().begin, &pb = b.second->source().begin;
            return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
        });
        for (const auto &[target, node_ptr] : ordered) {
            const toml::node &node = *node_ptr;
            const SourceLocation at = config_.locate(node);
            std::string why;
            auto syntax = target.empty() || target[0] != '$' ? std::nullopt : scanPv(target, &why);
            if (!syntax || syntax->length != target.size()) {
                diag_.error(at, "set: '" + target + "' is not a variable");
                continue;
            }
            SetStep::Assignment a;
            try {
                a.target = PvRef::resolve(*syntax, &symbols_);
                if (!a.target->writable()) {
                    diag_.error(at, "set: " + target + " cannot be assigned");
                    continue;
                }
                if (node.is_integer()) a.constant = Value::of(node.as_integer()->get());
                else if (node.is_string()) a.text = Template::compile(node.as_string()->get(), &symbols_);
                else {
                    diag_.error(at, "set: the value of " + target + " must be a string or an integer");
                    continue;
                }
            } catch (const std::invalid_argument &e) {
                diag_.error(at, std::string{"set: "} + e.what());
                continue;
            }
            step->assignments.push_back(std::move(a));
        }
        return step;
    }

    // ---- Whole-program checks ---------------------------------------------------------------

    void linkRoutes(Program &program) {
        for (ArmRouteStep *arm : route_arms_) {
            const bool failure = arm->kind == ArmRouteStep::Kind::Failure;
            arm->target = program.find(arm->name);
            if (!arm->target)
                diag_.error(arm->where(), std::string{failure ? "on_failure:" : "on_reply:"} + arm->name +
                                              " names no route (no [[route." + arm->name + "]])");
            else (failure ? failure_routes_ : branch_reply_routes_).insert(arm->name);
        }
        for (auto &[step, caller] : route_calls_) {
            step->target = program.find(step->name);
            if (!step->target) diag_.error(step->where(), "route:" + step->name + " does not exist (no [[route." + step->name + "]])");
            else calls_[caller].insert(step->name);
        }
    }

    // A function may only run in the kinds of route it declares (Kamailio's route masks). A
    // named route runs as whatever kinds its callers run as.
    void checkRouteKinds(Program &program) {
        std::map<std::string, uint32_t> kinds{{"request", SIPLINE_ROUTE_REQUEST}, {"reply", SIPLINE_ROUTE_REPLY}};
        for (const auto &name : failure_routes_) kinds[name] |= SIPLINE_ROUTE_FAILURE;
        for (const auto &name : branch_reply_routes_) kinds[name] |= SIPLINE_ROUTE_REPLY;
        bool changed = true;
        while (changed) {
            changed = false;
            for (const auto &[caller, callees] : calls_)
                for (const auto &callee : callees) {
                    const uint32_t before = kinds[callee];
                    kinds[callee] |= kinds[caller];
                    changed |= kinds[callee] != before;
                }
        }
        for (auto &[name, route] : program.routes()) route->kinds = kinds[name];
        for (const auto &use : uses_) {
            const uint32_t route_kinds = kinds[use.route];
            const uint32_t allowed = use.function->decl->routes;
            if ((route_kinds & ~allowed) != 0)
                diag_.error(use.where, use.function->full_name + " cannot be used in " + kindName(route_kinds & ~allowed) +
                                           " routes (route." + use.route + ")");
        }
    }

    static std::string kindName(uint32_t kinds) {
        if (kinds & SIPLINE_ROUTE_REQUEST) return "request";
        if (kinds & SIPLINE_ROUTE_REPLY) return "reply";
        if (kinds & SIPLINE_ROUTE_FAILURE) return "failure";
        return "these";
    }

    struct Use {
        std::string route;
        const plugins::BoundFunction *function;
        SourceLocation where;
    };

    const config::Config &config_;
    const plugins::SymbolTable &symbols_;
    config::Diagnostics diag_;
    std::string current_route_;
    std::vector<std::pair<RouteStep *, std::string>> route_calls_;
    std::map<std::string, std::set<std::string>> calls_;
    std::vector<Use> uses_;
    std::vector<ArmRouteStep *> route_arms_;
    std::set<std::string> failure_routes_;
    std::set<std::string> branch_reply_routes_;
};

}  // namespace

std::unique_ptr<Program> compileProgram(const config::Config &config, const plugins::SymbolTable &symbols) {
    return Compiler{config, symbols}.compile();
}

}  // namespace sipline::pipeline
