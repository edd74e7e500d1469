// The command line of profilegw-mocks (see usage_text() and mocks/README.md).
#pragma once

#include <chrono>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mocks/backend.h"
#include "mocks/fault_injection.h"

namespace profilegw::mocks {

struct ListenerSpec {
  ProviderKind provider;
  unsigned short port = 0;  // 0: ephemeral
};

struct MockOptions {
  std::string address = "127.0.0.1";
  std::vector<ListenerSpec> listeners;  // in canonical provider order; all five when none is named
  std::string ports_file;
  unsigned threads = 1;
  std::string tls_cert;
  std::string tls_key;
  BackendOptions backend;
  FaultMode fault = FaultMode::kNone;  // armed on every port, for good, at start
  std::chrono::milliseconds fault_delay{0};
};

struct CliParse {
  MockOptions options;
  std::string error;  // empty when the command line is valid
  bool help = false;
};

// Parses the arguments after the program name.
CliParse parse_cli(std::span<char* const> args);

std::string_view usage_text();

}  // namespace profilegw::mocks
