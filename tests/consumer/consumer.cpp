// The program every consumer project builds: it uses plansim through plansim::plansim alone.
#include <plansim/plansim.hpp>

#include <cstdio>
#include <cstring>

int main() {
  try {
    throw plansim::invalid_argument("consumer", 1, "main", "a test error", "nothing to do");
  } catch (const plansim::error& e) {
    if (e.id() != "plansim.consumer.1") return 1;
  }
  std::printf("plansim %s\n", plansim::version_string);
  return std::strcmp(plansim::version_string, PLANSIM_VERSION_STRING) == 0 ? 0 : 1;
}
