// Check names and numbers, the plugin parameters and the call-site arguments.
#include <gtest/gtest.h>

#include <sipline/sdk.hpp>

#include "call_masks.hpp"
#include "check_runner.hpp"
#include "check_set.hpp"
#include "sanity_config.hpp"

namespace {

using namespace sipline::sanity;
namespace sdk = sipline::sdk;

std::string refusal(auto action) {
    try {
        action();
    } catch (const sdk::ConfigError &e) {
        return e.what();
    }
    return "(accepted)";
}

TEST(CheckSet, KamailiosBitValuesAndNames) {
    EXPECT_EQ(maskFromJson("[\"ruri_sip_version\", \"ruri_scheme\", \"required_headers\", \"cseq_method\", "
                           "\"cseq_value\", \"content_length\", \"expires_value\", \"proxy_require\", "
                           "\"digest_credentials\"]",
                           MaskKind::Message, "x"),
              3047u);
    EXPECT_EQ(maskFromJson("[\"ruri\", \"from\", \"to\"]", MaskKind::Uri, "x"), 7u);
    EXPECT_EQ(maskFromJson("17895", MaskKind::Message, "x"), 17895u);
    EXPECT_EQ(maskFromJson("\"256\"", MaskKind::Message, "x"), 256u); // Kamailio writes sanity_check("256")
    EXPECT_EQ(maskFromJson("[\"parse_uri\", 1]", MaskKind::Message, "x"), 1025u);
    EXPECT_EQ(maskFromJson("\"duplicated_to_tag\"", MaskKind::Message, "x"), 4096u);
    EXPECT_EQ(maskFromJson("\"ALL\"", MaskKind::Message, "x"), 131071u);
    EXPECT_EQ(maskFromJson("\"all\"", MaskKind::Uri, "x"), 15u);
    EXPECT_EQ(canonicalName(MaskKind::Message, 4096), "duplicated_tags");
}

TEST(CheckSet, EveryBitHasANameAndAPlaceInTheOrder) {
    uint32_t ordered = 0;
    for (const CheckStep &step : checkOrder()) {
        EXPECT_EQ(canonicalName(MaskKind::Message, step.bit), step.name);
        ordered |= step.bit;
    }
    EXPECT_EQ(ordered, kAllMessageChecks);
    EXPECT_EQ(checkOrder()[0].bit, kSizes);
    EXPECT_EQ(checkOrder()[4].bit, kVia1Header); // not bit order: Kamailio's order
}

TEST(CheckSet, RefusesUnknownNamesAndOutOfRangeNumbers) {
    EXPECT_EQ(refusal([] { maskFromJson("[\"ruri_scheme\", \"nope\"]", MaskKind::Message, "sanity.check: msg_checks"); })
                  .substr(0, 80),
              "sanity.check: msg_checks: unknown check 'nope' (known: ruri_sip_version, ruri_sc");
    EXPECT_EQ(refusal([] { maskFromJson("131072", MaskKind::Message, "m"); }), "m must be in 1..131071, got 131072");
    EXPECT_EQ(refusal([] { maskFromJson("0", MaskKind::Message, "m"); }), "m must be in 1..131071, got 0");
    EXPECT_EQ(refusal([] { maskFromJson("16", MaskKind::Uri, "u"); }), "u must be in 1..15, got 16");
    EXPECT_EQ(refusal([] { maskFromJson("[]", MaskKind::Uri, "u"); }), "u: the list of checks is empty");
    EXPECT_NE(refusal([] { maskFromJson("1.5", MaskKind::Message, "m"); }), "(accepted)");
    EXPECT_NE(refusal([] { maskFromJson("{}", MaskKind::Message, "m"); }), "(accepted)");
}

TEST(CheckSet, MasksFromVariableText) {
    EXPECT_EQ(maskFromText("17895", MaskKind::Message), 17895u);
    EXPECT_EQ(maskFromText(" cseq_value ", MaskKind::Message), 64u);
    EXPECT_EQ(maskFromText("0", MaskKind::Message), std::nullopt);
    EXPECT_EQ(maskFromText("200000", MaskKind::Message), std::nullopt);
    EXPECT_EQ(maskFromText("contact", MaskKind::Uri), 8u);
    EXPECT_EQ(maskFromText("bogus", MaskKind::Uri), std::nullopt);
}

TEST(SanityConfig, DefaultsAreKamailios) {
    const SanityConfig config = sanityConfigFromJson("{}");
    EXPECT_EQ(config.default_checks, 3047u);
    EXPECT_EQ(config.uri_checks, 7u);
    EXPECT_TRUE(config.proxy_require.empty());
    EXPECT_TRUE(config.autodrop);
    EXPECT_FALSE(config.noreply);
    EXPECT_FALSE(config.size_checks);
    EXPECT_EQ(config.sizes.message, 16384u);
    EXPECT_EQ(config.sizes.method, 32u);
}

TEST(SanityConfig, ReadsEveryParameter) {
    const SanityConfig config = sanityConfigFromJson(R"({
        "default_checks": ["ruri_scheme", 64], "uri_checks": 15, "proxy_require": " foo , bar ",
        "autodrop": 0, "noreply": true, "size_checks": 1, "size_message": 4096, "size_pai_uri": 0})");
    EXPECT_EQ(config.default_checks, 66u);
    EXPECT_EQ(config.uri_checks, 15u);
    EXPECT_EQ(config.proxy_require, (std::vector<std::string>{"foo", "bar"}));
    EXPECT_FALSE(config.autodrop);
    EXPECT_TRUE(config.noreply);
    EXPECT_TRUE(config.size_checks);
    EXPECT_EQ(config.sizes.message, 4096u);
    EXPECT_EQ(config.sizes.pai_uri, 0u);
    EXPECT_EQ(sanityConfigFromJson(R"({"proxy_require": ["100rel", "timer"]})").proxy_require,
              (std::vector<std::string>{"100rel", "timer"}));
}

TEST(SanityConfig, RefusesBadValuesNamingTheParameter) {
    EXPECT_EQ(refusal([] { sanityConfigFromJson(R"({"default_checks": 0})"); }),
              "sanity: default_checks must be in 1..131071, got 0");
    EXPECT_EQ(refusal([] { sanityConfigFromJson(R"({"uri_checks": ["ruri", "via"]})"); }),
              "sanity: uri_checks: unknown check 'via' (known: ruri, from, to, contact, request_uri, r-uri, "
              "default, all)");
    EXPECT_EQ(refusal([] { sanityConfigFromJson(R"({"autodrop": 2})"); }),
              "sanity: autodrop must be true or false (or 0/1), got 2");
    EXPECT_EQ(refusal([] { sanityConfigFromJson(R"({"proxy_require": [1]})"); }),
              "sanity: proxy_require must list strings, got 1");
    EXPECT_EQ(refusal([] { sanityConfigFromJson(R"({"size_body": -1})"); }).substr(0, 40),
              "sanity: size_body must be an integer in ");
    EXPECT_EQ(refusal([] { sanityConfigFromJson("[]"); }), "sanity: the configuration is not a JSON object");
}

sipline_value_t text(std::string_view value) {
    return {.type = SIPLINE_VALUE_STR, .reserved = 0, .integer = 0, .str = sdk::str(value)};
}

TEST(CallMasks, ConstantsDefaultsAndVariables) {
    const sipline_value_t args[] = {text("[\"cseq_value\", \"content_length\"]"), text("$var(uris)")};
    const CallMasks masks = callMasksFromArguments(args, 2);
    EXPECT_EQ(masks.msg_checks.source, MaskArgument::Source::Constant);
    EXPECT_EQ(masks.msg_checks.mask, 192u);
    EXPECT_EQ(masks.uri_checks.source, MaskArgument::Source::Variable);

    EXPECT_EQ(resolveMask(masks.msg_checks, nullptr, MaskKind::Message, 3047), 192u);
    const sipline_value_t evaluated = text("12");
    EXPECT_EQ(resolveMask(masks.uri_checks, &evaluated, MaskKind::Uri, 7), 12u);
    const sipline_value_t bad = text("99");
    EXPECT_EQ(resolveMask(masks.uri_checks, &bad, MaskKind::Uri, 7), std::nullopt);

    const CallMasks none = callMasksFromArguments(nullptr, 0);
    EXPECT_EQ(resolveMask(none.msg_checks, nullptr, MaskKind::Message, 3047), 3047u);
    EXPECT_EQ(resolveMask(none.uri_checks, nullptr, MaskKind::Uri, 7), 7u);
}

TEST(CallMasks, RefusesUnknownNamesAtStart) {
    const sipline_value_t args[] = {text("[\"ruri_sip_version\", \"cseq_valeu\"]")};
    EXPECT_EQ(refusal([&] { callMasksFromArguments(args, 1); }).substr(0, 39), "msg_checks: unknown check 'cseq_valeu' ");
}

}  // namespace
