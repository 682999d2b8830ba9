// The options scenario's pipeline (bench/options.toml: maxfwd, sanity's default checks, an
// htable lookup and an increment keyed by $si, the 200 OK built by sl) on an already parsed
// OPTIONS, with the real plugins loaded from the build tree. The core's side (sending the
// reply) is a counter, so the figure is the pipeline alone, without sockets.
#include <exception>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <benchmark/benchmark.h>

#include "config/config.hpp"
#include "pipeline/compiler.hpp"
#include "pipeline/message_context.hpp"
#include "plugins/registry.hpp"
#include "sip/message.hpp"
#include "util/timer_service.hpp"

namespace {

using namespace sipline;

// Counts the replies the pipeline sends instead of sending them.
class CountingCore final : public pipeline::CoreActions {
public:
    bool forward(pipeline::MessageContext &) override { return ++forwarded, true; }
    bool sendReply(pipeline::MessageContext &, std::string_view bytes) override {
        ok_replies += bytes.starts_with("SIP/2.0 200 ");
        return ++replies, true;
    }
    size_t forwarded = 0, replies = 0, ok_replies = 0;
};

std::string fileText(const std::string &path) {
    std::ifstream file(path);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

// What sipp sends in the options scenario.
const std::string kOptions =
    "OPTIONS sip:ping@127.0.0.1:5060 SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:5090;branch=z9hG4bK-4242-1-0\r\n"
    "Max-Forwards: 70\r\n"
    "From: <sip:bench@127.0.0.1:5090>;tag=4242SIPpTag001\r\n"
    "To: <sip:ping@127.0.0.1:5060>\r\n"
    "Call-ID: 1-4242@127.0.0.1\r\n"
    "CSeq: 1 OPTIONS\r\n"
    "Contact: <sip:bench@127.0.0.1:5090>\r\n"
    "Content-Length: 0\r\n"
    "\r\n";

struct EdgePipeline {
    config::Config config;
    util::TimerService timers;
    std::unique_ptr<plugins::PluginRegistry> registry;
    std::unique_ptr<pipeline::Program> program;

    EdgePipeline() {
        const std::string path = SIPLINE_BENCH_DIR "/options.toml";
        config = config::parseConfig(fileText(path), path);
        registry = std::make_unique<plugins::PluginRegistry>(
            plugins::HostEnvironment{config.core.listen, &timers, nullptr, config.path});
        registry->load(config, SIPLINE_BENCH_PLUGIN_DIR);
        program = pipeline::compileProgram(config, *registry);
    }
};

void BM_EdgePipelineOnParsedOptions(benchmark::State &state) {
    std::unique_ptr<EdgePipeline> edge;
    try {
        edge = std::make_unique<EdgePipeline>();
    } catch (const std::exception &e) { // a plugin missing from the build tree, a config error
        state.SkipWithError(e.what());
        return;
    }
    sip::Message message;
    if (!message.parse(kOptions).ok) {
        state.SkipWithError("the OPTIONS did not parse");
        return;
    }
    transport::ReceiveInfo rx;
    rx.source = transport::Endpoint{transport::Proto::Udp, boost::asio::ip::make_address("127.0.0.1"), 5090};
    rx.local = transport::Endpoint{transport::Proto::Udp, boost::asio::ip::make_address("127.0.0.1"), 5060};
    util::Arena arena;
    CountingCore core;
    const auto &route = *edge->program->request();
    for (auto _ : state) {
        pipeline::MessageContext ctx(message, rx, arena, &core);
        edge->program->run(route, ctx);
        arena.reset();
    }
    // Every run must have ended in the 200 OK, or the figure is of some other path.
    if (core.ok_replies != size_t(state.iterations()) || core.forwarded != 0)
        state.SkipWithError("a run did not answer 200 OK");
}
BENCHMARK(BM_EdgePipelineOnParsedOptions);

}  // namespace

BENCHMARK_MAIN();
