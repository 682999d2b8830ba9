#include "siplinectl/args.hpp"

#include <gtest/gtest.h>

namespace sipline::ctl {
namespace {
using nlohmann::ordered_json;

Options parse(std::vector<std::string_view> args) { return parseArgs(args); }

TEST(SiplinectlTypedArg, IntegersBecomeNumbersEverythingElseStrings) {
    EXPECT_EQ(typedArg("15"), ordered_json(15));
    EXPECT_EQ(typedArg("-3"), ordered_json(-3));
    EXPECT_EQ(typedArg("0"), ordered_json(0));
    EXPECT_TRUE(typedArg("15").is_number_integer());
    EXPECT_EQ(typedArg("alice"), ordered_json("alice"));
    EXPECT_EQ(typedArg("1.5"), ordered_json("1.5"));
    EXPECT_EQ(typedArg(""), ordered_json(""));
    EXPECT_EQ(typedArg("-"), ordered_json("-"));
    EXPECT_EQ(typedArg("12ab"), ordered_json("12ab"));
}

TEST(SiplinectlTypedArg, NumbersThatWouldLoseCharactersStayStrings) {
    EXPECT_EQ(typedArg("007"), ordered_json("007"));
    EXPECT_EQ(typedArg("+4930123"), ordered_json("+4930123"));
    EXPECT_EQ(typedArg("-0"), ordered_json("-0"));
    EXPECT_EQ(typedArg("99999999999999999999999"), ordered_json("99999999999999999999999"));
}

TEST(SiplinectlTypedArg, PrefixesForceTheType) {
    EXPECT_EQ(typedArg("s:15"), ordered_json("15"));
    EXPECT_EQ(typedArg("s:"), ordered_json(""));
    EXPECT_EQ(typedArg("s:s:x"), ordered_json("s:x"));
    EXPECT_EQ(typedArg("i:15"), ordered_json(15));
    EXPECT_EQ(typedArg("i:007"), ordered_json(7));
    EXPECT_EQ(typedArg("i:+5"), ordered_json(5));
    EXPECT_EQ(typedArg("i:-9"), ordered_json(-9));
    EXPECT_EQ(typedArg("i:18446744073709551615"), ordered_json(18446744073709551615ull));
    EXPECT_THROW(typedArg("i:abc"), UsageError);
    EXPECT_THROW(typedArg("i:"), UsageError);
    EXPECT_THROW(typedArg("i:1.5"), UsageError);
    EXPECT_THROW(typedArg("i:99999999999999999999999"), UsageError);
}

TEST(SiplinectlArgs, MethodAndTypedParams) {
    const Options options = parse({"ul.lookup", "location", "s:15", "42", "alice"});
    EXPECT_EQ(options.action, Options::Action::Call);
    EXPECT_EQ(options.method, "ul.lookup");
    EXPECT_EQ(options.params, ordered_json::parse(R"(["location","15",42,"alice"])"));
    EXPECT_FALSE(options.json);
    EXPECT_FALSE(options.socket);
    EXPECT_FALSE(options.config);
    EXPECT_EQ(options.timeout, std::chrono::seconds{5});
}

TEST(SiplinectlArgs, NoArgsGiveAnEmptyParamsArray) {
    const Options options = parse({"system.listMethods"});
    EXPECT_TRUE(options.params.is_array());
    EXPECT_TRUE(options.params.empty());
}

TEST(SiplinectlArgs, OptionsInBothSpellings) {
    const Options options =
        parse({"--socket", "/tmp/a.sock", "--config=/etc/x.toml", "-j", "-t", "0.25", "m"});
    EXPECT_EQ(options.socket, "/tmp/a.sock");
    EXPECT_EQ(options.config, "/etc/x.toml");
    EXPECT_TRUE(options.json);
    EXPECT_EQ(options.timeout, std::chrono::milliseconds{250});
    EXPECT_EQ(parse({"-s", "/p", "--json", "--timeout=2", "m"}).socket, "/p");
    EXPECT_EQ(parse({"-c", "/c.toml", "m"}).config, "/c.toml");
}

TEST(SiplinectlArgs, OptionsAfterTheMethodAreArguments) {
    const Options options = parse({"m", "--json", "-5"});
    EXPECT_FALSE(options.json);
    EXPECT_EQ(options.params, ordered_json::parse(R"(["--json",-5])"));
    EXPECT_EQ(parse({"--", "-odd-method", "x"}).method, "-odd-method");
}

TEST(SiplinectlArgs, HelpAndVersion) {
    EXPECT_EQ(parse({"--help"}).action, Options::Action::Help);
    EXPECT_EQ(parse({"-h"}).action, Options::Action::Help);
    EXPECT_EQ(parse({"--json", "--version"}).action, Options::Action::Version);
}

TEST(SiplinectlArgs, UsageErrors) {
    EXPECT_THROW(parse({}), UsageError);
    EXPECT_THROW(parse({"--json"}), UsageError);
    EXPECT_THROW(parse({"--socket"}), UsageError);
    EXPECT_THROW(parse({"--socket="}), UsageError);
    EXPECT_THROW(parse({"--bogus", "m"}), UsageError);
    EXPECT_THROW(parse({"--timeout", "0", "m"}), UsageError);
    EXPECT_THROW(parse({"--timeout", "-1", "m"}), UsageError);
    EXPECT_THROW(parse({"--timeout", "soon", "m"}), UsageError);
    EXPECT_THROW(parse({"m", "i:x"}), UsageError);
}

TEST(SiplinectlArgs, TcpAndToken) {
    const Options o = parse({"--tcp", "127.0.0.1:9000", "--token=abc", "core.uptime"});
    EXPECT_EQ(o.tcp, "127.0.0.1:9000");
    EXPECT_EQ(o.token, "abc");
    EXPECT_EQ(o.method, "core.uptime");
    EXPECT_FALSE(parse({"--tcp=[::1]:9000", "m"}).token.has_value()) << "the token may come from the environment";
    EXPECT_THROW(parse({"--tcp", "127.0.0.1:9000", "--socket", "/s", "m"}), UsageError);
    EXPECT_THROW(parse({"--token", "abc", "m"}), UsageError) << "a token without --tcp";
    EXPECT_THROW(parse({"--tcp=", "m"}), UsageError);
}

}  // namespace
}  // namespace sipline::ctl
