#include "siplinectl/printer.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace sipline::ctl {
namespace {
using nlohmann::ordered_json;

std::string readable(const char *json) {
    std::ostringstream out;
    printReadable(ordered_json::parse(json), out);
    return out.str();
}

TEST(SiplinectlPrinter, ScalarsArePlainText) {
    EXPECT_EQ(readable(R"("hello")"), "hello\n");
    EXPECT_EQ(readable("42"), "42\n");
    EXPECT_EQ(readable("1.5"), "1.5\n");
    EXPECT_EQ(readable("true"), "true\n");
    EXPECT_EQ(readable("null"), "");
}

TEST(SiplinectlPrinter, EmptyResultsPrintNothing) {
    EXPECT_EQ(readable("[]"), "");
    EXPECT_EQ(readable("{}"), "");
}

TEST(SiplinectlPrinter, ArrayOfScalarsOnePerLine) {
    EXPECT_EQ(readable(R"(["a", 2, "c"])"), "a\n2\nc\n");
}

TEST(SiplinectlPrinter, ObjectAsKeyValueLinesInOrder) {
    EXPECT_EQ(readable(R"({"name": "sipline", "uptime": 35, "empty": [], "none": null})"),
              "name: sipline\nuptime: 35\nempty: []\nnone: null\n");
}

TEST(SiplinectlPrinter, NestedValuesAreIndented) {
    EXPECT_EQ(readable(R"({"core": {"pid": 7, "tags": ["a", "b"]}, "ok": true})"),
              "core:\n"
              "  pid: 7\n"
              "  tags:\n"
              "    a\n"
              "    b\n"
              "ok: true\n");
}

TEST(SiplinectlPrinter, ArrayOfObjectsAsBlocksSeparatedByBlankLines) {
    EXPECT_EQ(readable(R"([{"aor": "alice", "expires": 60}, {"aor": "bob", "expires": 30}])"),
              "aor: alice\nexpires: 60\n\naor: bob\nexpires: 30\n");
}

TEST(SiplinectlPrinter, ArrayOfObjectsUnderAKey) {
    EXPECT_EQ(readable(R"({"listeners": [{"proto": "udp"}, {"proto": "tcp"}]})"),
              "listeners:\n  proto: udp\n\n  proto: tcp\n");
}

TEST(SiplinectlPrinter, NestedArraysAreIndentedBlocks) {
    EXPECT_EQ(readable("[[1, 2], [3]]"), "  1\n  2\n\n  3\n");
}

TEST(SiplinectlPrinter, MultiLineStringsKeepTheirIndentation) {
    EXPECT_EQ(readable(R"({"a": {"text": "line1\nline2"}})"), "a:\n  text: line1\n  line2\n");
}

}  // namespace
}  // namespace sipline::ctl
