#include "siplinectl/socket_path.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace sipline::ctl {
namespace {
using sipline::control::test::TempDir;
using sipline::control::test::writeFile;

class SocketPathTest : public ::testing::Test {
protected:
    std::string config(const std::string &content) {
        const std::string path = dir.file("sipline.toml");
        writeFile(path, content);
        return path;
    }
    TempDir dir;
    std::string missing = dir.file("missing.toml");
};

TEST_F(SocketPathTest, SocketOptionWins) {
    const std::string file = config("[control]\nsocket = \"/from/config.sock\"\n");
    EXPECT_EQ(resolveSocketPath("/cli.sock", file, file), "/cli.sock");
}

TEST_F(SocketPathTest, ConfigOptionIsRead) {
    const std::string file = config("[control]\nsocket = \"/from/config.sock\"\n");
    EXPECT_EQ(resolveSocketPath(std::nullopt, file, missing), "/from/config.sock");
}

TEST_F(SocketPathTest, DefaultConfigIsUsedWhenItExists) {
    const std::string file = config("[control]\nsocket = \"/default/config.sock\"\n");
    EXPECT_EQ(resolveSocketPath(std::nullopt, std::nullopt, file), "/default/config.sock");
    EXPECT_EQ(resolveSocketPath(std::nullopt, std::nullopt, missing), kDefaultSocket);
}

TEST_F(SocketPathTest, ConfigWithoutTheKeyMeansTheDefaultSocket) {
    EXPECT_EQ(resolveSocketPath(std::nullopt, config("[sip]\nlisten = []\n"), missing),
              kDefaultSocket);
    EXPECT_EQ(resolveSocketPath(std::nullopt, config("[control]\ngroup = \"sipline\"\n"), missing),
              kDefaultSocket);
}

TEST_F(SocketPathTest, BadConfigsAreConfigErrors) {
    EXPECT_THROW(resolveSocketPath(std::nullopt, missing, missing), ConfigError);
    EXPECT_THROW(resolveSocketPath(std::nullopt, config("[control\n"), missing), ConfigError);
    EXPECT_THROW(resolveSocketPath(std::nullopt, config("[control]\nsocket = 5\n"), missing),
                 ConfigError);
    EXPECT_THROW(resolveSocketPath(std::nullopt, config("control = 1\n"), missing), ConfigError);
    try {
        resolveSocketPath(std::nullopt, config("[control]\nsocket = \n"), missing);
        FAIL();
    } catch (const ConfigError &e) {
        EXPECT_NE(std::string{e.what()}.find("sipline.toml:2"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace sipline::ctl
