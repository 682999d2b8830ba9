// Turns the [route] tables of the TOML into a Program, checking every step against what the
// plugins declare. Every error names file:line and the reason; all are collected.
#pragma once

#include <memory>

#include "config/config.hpp"
#include "pipeline/program.hpp"
#include "plugins/symbols.hpp"

namespace sipline::pipeline {

// Throws config::ConfigError listing every problem.
std::unique_ptr<Program> compileProgram(const config::Config &config, const plugins::SymbolTable &symbols);

}  // namespace sipline::pipeline
