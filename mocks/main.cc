// profilegw-mocks: demo backends for the five provider families (django, shop, v1rest, partner,
// salla), each on its own port. Shares no code with the gateway, so the two cannot agree by accident.
#include <csignal>
#include <cstdio>
#include <exception>
#include <span>
#include <string>

#include "mocks/cli_options.h"
#include "mocks/mock_server.h"
#include "mocks/ports_file.h"

int main(int argc, char** argv) {
  using namespace profilegw::mocks;
  const CliParse parsed = parse_cli(std::span<char* const>(argv + 1, static_cast<std::size_t>(argc > 0 ? argc - 1 : 0)));
  if (parsed.help) {
    std::fwrite(usage_text().data(), 1, usage_text().size(), stdout);
    return 0;
  }
  if (!parsed.error.empty()) {
    std::fprintf(stderr, "profilegw-mocks: %s\n", parsed.error.c_str());
    std::fwrite(usage_text().data(), 1, usage_text().size(), stderr);
    return 2;
  }
  // A reader that closes stdout early must not kill the server.
  std::signal(SIGPIPE, SIG_IGN);
  try {
    MockServer server(parsed.options);
    server.bind();
    const std::string line = ports_json(server.ports());
    if (!parsed.options.ports_file.empty()) write_ports_file(parsed.options.ports_file, line);
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
    server.run();
  } catch (const std::exception& error) {
    std::fprintf(stderr, "profilegw-mocks: %s\n", error.what());
    return 1;
  }
  return 0;
}
