// Every config shipped in conf/ and conf/examples/ loads and validates with the real plugins,
// so none of them rots. The list is read at run time: a new example is covered at once.
#include <filesystem>

#include <gtest/gtest.h>

#include "daemon_process.hpp"

namespace sipline::test {
namespace {

using namespace std::chrono_literals;

std::vector<std::filesystem::path> shippedConfigs() {
    std::vector<std::filesystem::path> out;
    for (const char *dir : {"conf", "conf/examples"}) {
        const auto path = std::filesystem::path{sourceDir()} / dir;
        if (!std::filesystem::exists(path)) continue;
        for (const auto &entry : std::filesystem::directory_iterator{path})
            if (entry.path().extension() == ".toml") out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

TEST(ShippedConfigs, EveryOneValidates) {
    const auto configs = shippedConfigs();
    ASSERT_FALSE(configs.empty());
    for (const auto &config : configs) {
        // Configs name files beside them (dispatcher lists, databases): check from their folder.
        const auto result = run({daemonPath(), "--check-config", "--config", config.string(), "--plugin-dir", pluginDir()}, 20s);
        EXPECT_EQ(result.exit_code, 0) << config << "\n" << result.output;
        EXPECT_NE(result.output.find("configuration OK"), std::string::npos) << config << "\n" << result.output;
    }
}

TEST(ShippedConfigs, TheDefaultConfigListensOnLoopback5060) {
    const std::string text = readFile(std::filesystem::path{sourceDir()} / "conf/sipline.toml");
    EXPECT_NE(text.find("\"udp:127.0.0.1:5060\""), std::string::npos);
    EXPECT_NE(text.find("\"tcp:127.0.0.1:5060\""), std::string::npos);
}

}  // namespace
}  // namespace sipline::test
