#include "wire_message.hpp"

#include <charconv>

#include <nlohmann/json.hpp>

namespace sipline::htable {
namespace {

std::optional<int64_t> integer(std::string_view text) {
    int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<WireMessage> fail(std::string *why, std::string reason) {
    if (why) *why = std::move(reason);
    return std::nullopt;
}

std::string field(const nlohmann::json &message, const char *name) {
    const auto found = message.find(name);
    return found != message.end() && found->is_string() ? found->get<std::string>() : std::string{};
}

}  // namespace

std::optional<CellValue> cellValueOf(std::string_view type, std::string_view text) {
    if (type == "s") return CellValue{std::string{text}};
    if (type != "i") return std::nullopt;
    const auto number = integer(text);
    if (!number) return std::nullopt;
    return CellValue{*number};
}

std::pair<std::string, std::string> storedForm(const CellValue &value) {
    if (const auto *number = std::get_if<int64_t>(&value)) return {"i", std::to_string(*number)};
    return {"s", std::get<std::string>(value)};
}

std::optional<WireMessage> parseWireMessage(std::string_view text, std::string *why) {
    const nlohmann::json message = nlohmann::json::parse(text, nullptr, false);
    if (!message.is_object()) return fail(why, "not a JSON object");
    WireMessage out;
    const auto seq = message.find("s");
    if (seq == message.end() || !seq->is_number_integer()) return fail(why, "no sequence number");
    out.seq = seq->get<int64_t>();
    out.node = field(message, "n");
    out.key = field(message, "k");
    const std::string op = field(message, "o");
    if (op == "set") out.op = WireOp::Set;
    else if (op == "del") out.op = WireOp::Delete;
    else if (op == "exp") out.op = WireOp::Lifetime;
    else if (op == "flush") out.op = WireOp::Flush;
    else return fail(why, "unknown operation \"" + op + "\"");
    if (out.op == WireOp::Set) {
        const auto value = cellValueOf(field(message, "t"), field(message, "v"));
        if (!value) return fail(why, "bad value for \"" + out.key + "\"");
        out.value = *value;
    }
    if (const std::string id = field(message, "i"); out.op == WireOp::Set && !id.empty()) {
        const auto number = integer(id);
        if (!number || *number <= 0) return fail(why, "bad increment id for \"" + out.key + "\"");
        out.increment = static_cast<uint64_t>(*number);
    }
    if (out.op == WireOp::Set || out.op == WireOp::Lifetime) {
        const auto expire = integer(field(message, "e"));
        if (!expire) return fail(why, "bad expiry for \"" + out.key + "\"");
        out.expire = *expire;
    }
    return out;
}

}  // namespace sipline::htable
