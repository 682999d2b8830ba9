// The tag parameter of a To (or From) field value.
#pragma once

#include <optional>
#include <string_view>

namespace sipline::sl {

// The tag of a name-addr ("Bob" <sip:b@x;tag=not-this>;tag=this) or an addr-spec
// (sip:b@x;tag=this) value. nullopt when the value carries no tag parameter.
std::optional<std::string_view> toTagParameter(std::string_view to_value) noexcept;

}  // namespace sipline::sl
