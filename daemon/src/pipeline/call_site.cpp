#include "pipeline/call_site.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "config/toml_json.hpp"
#include "plugins/diag_collector.hpp"
#include "util/log.hpp"

namespace sipline::pipeline {
namespace {

std::string typeName(sipline_param_type type) {
    switch (type) {
    case SIPLINE_PARAM_INT: return "an integer";
    case SIPLINE_PARAM_STR: return "a string";
    case SIPLINE_PARAM_BOOL: return "true or false";
    default: return "a value";
    }
}

bool bounded(const sipline_param_t &p) noexcept { return p.min <= p.max; }

}  // namespace

CallSite::CallSite(const plugins::BoundFunction &function, const toml::array *args,
                   const plugins::SymbolTable *symbols)
    : function_{function} {
    const sipline_function_t &decl = *function.decl;
    const size_t given = args ? args->size() : 0;
    if (given < decl.required_arg_count || given > decl.arg_count) {
        std::string expected = decl.required_arg_count == decl.arg_count
                                   ? std::to_string(decl.arg_count)
                                   : std::to_string(decl.required_arg_count) + " to " + std::to_string(decl.arg_count);
        throw std::invalid_argument(function.full_name + " takes " + expected + " argument(s), got " +
                                    std::to_string(given));
    }
    if (decl.arg_count > kMaxArgs) throw std::invalid_argument(function.full_name + ": too many declared arguments");
    constants_.resize(decl.arg_count);
    dynamic_.resize(decl.arg_count);
    storage_.reserve(decl.arg_count);

    for (uint32_t i = 0; i < decl.arg_count; ++i) {
        const sipline_param_t &param = *decl.args[i];
        const std::string label = function.full_name + " argument " + std::to_string(i + 1) + " (" + param.name + ")";
        sipline_value_t &out = constants_[i];
        if (i >= given) {
            out.type = SIPLINE_VALUE_NULL;
            if (param.default_json) {
                auto def = nlohmann::json::parse(param.default_json, nullptr, false);
                if (def.is_number_integer()) out = {SIPLINE_VALUE_INT, 0, def.get<int64_t>(), {}};
                else if (def.is_string()) {
                    storage_.push_back(def.get<std::string>());
                    out = {SIPLINE_VALUE_STR, 0, 0, {storage_.back().data(), storage_.back().size()}};
                }
            }
            continue;
        }
        const toml::node &node = *args->get(i);
        const bool may_be_dynamic = param.flags & SIPLINE_PARAM_DYNAMIC;
        if (node.is_string() && may_be_dynamic && hasVariables(node.as_string()->get())) {
            try {
                dynamic_[i] = Template::compile(node.as_string()->get(), symbols);
            } catch (const std::invalid_argument &e) {
                throw std::invalid_argument(label + ": " + e.what());
            }
            storage_.push_back(node.as_string()->get());
            out = {SIPLINE_VALUE_STR, 0, 0, {storage_.back().data(), storage_.back().size()}};
            continue;
        }
        switch (param.type) {
        case SIPLINE_PARAM_INT: {
            std::optional<int64_t> v = node.value<int64_t>();
            if (node.is_string()) v = Value::of(std::string_view{node.as_string()->get()}).asInt();
            if (!v || node.is_floating_point() || node.is_boolean())
                throw std::invalid_argument(label + " must be " + typeName(param.type) +
                                            (may_be_dynamic ? " or a string with $variables" : ""));
            if (bounded(param) && (*v < param.min || *v > param.max))
                throw std::invalid_argument(label + " must be in " + std::to_string(param.min) + ".." +
                                            std::to_string(param.max) + ", got " + std::to_string(*v));
            out = {SIPLINE_VALUE_INT, 0, *v, {}};
            break;
        }
        case SIPLINE_PARAM_STR: {
            if (node.is_string()) storage_.push_back(node.as_string()->get());
            else if (node.is_integer()) storage_.push_back(std::to_string(node.as_integer()->get()));
            else throw std::invalid_argument(label + " must be " + typeName(param.type));
            out = {SIPLINE_VALUE_STR, 0, 0, {storage_.back().data(), storage_.back().size()}};
            break;
        }
        case SIPLINE_PARAM_BOOL:
            if (!node.is_boolean()) throw std::invalid_argument(label + " must be " + typeName(param.type));
            out = {SIPLINE_VALUE_INT, 0, node.as_boolean()->get() ? 1 : 0, {}};
            break;
        case SIPLINE_PARAM_JSON:
            // Any TOML value (e.g. a list of names): the plugin validates it in prepare().
            storage_.push_back(config::tomlToJson(node).dump());
            out = {SIPLINE_VALUE_STR, 0, 0, {storage_.back().data(), storage_.back().size()}};
            break;
        default:
            throw std::invalid_argument(label + ": unsupported argument type in the plugin's declaration");
        }
    }

    if (decl.prepare) {
        plugins::DiagCollector diag;
        if (decl.prepare(function.instance, constants_.data(), decl.arg_count, &call_state_, diag.get()) != SIPLINE_OK)
            throw std::invalid_argument(function.full_name + ": " +
                                        (diag.empty() ? std::string{"refused its arguments"} : diag.text()));
    }
}

CallSite::~CallSite() {
    if (function_.decl->release && call_state_) function_.decl->release(function_.instance, call_state_);
}

sipline_rc CallSite::invoke(MessageContext &ctx) const {
    const sipline_function_t &decl = *function_.decl;
    sipline_value_t args[kMaxArgs];
    for (size_t i = 0; i < constants_.size(); ++i) {
        if (!dynamic_[i]) {
            args[i] = constants_[i];
            continue;
        }
        const Value v = dynamic_[i]->evaluate(ctx);
        if (decl.args[i]->type == SIPLINE_PARAM_INT) {
            auto n = v.asInt();
            if (!n) {
                log::warning("pipeline", function_.full_name, ": argument ", i + 1, " \"",
                             dynamic_[i]->source(), "\" is not an integer for this message");
                return SIPLINE_RC_ERROR;
            }
            args[i] = {SIPLINE_VALUE_INT, 0, *n, {}};
        } else if (v.kind == Value::Kind::Int) {
            args[i] = toAbi(Value::of(ctx.arena.copy(std::to_string(v.integer))));
        } else {
            args[i] = toAbi(v);
        }
    }
    return decl.invoke(function_.instance, call_state_, &ctx, &ctx, args, static_cast<uint32_t>(constants_.size()));
}

}  // namespace sipline::pipeline
