// A user's own PLANSIM_ASSERT replaces plansim's, as the documentation in config.hpp promises.
#include <stdexcept>
#include <string_view>

#define PLANSIM_ASSERT(condition, message) \
  ((condition) ? static_cast<void>(0) : throw std::logic_error(message))
#include <plansim/plansim.hpp>

int main() {
  PLANSIM_ASSERT(1 + 1 == 2, "never fires");
  try {
    PLANSIM_ASSERT(1 + 1 == 3, "fires");
  } catch (const std::logic_error& e) {
    return std::string_view(e.what()) == "fires" ? 0 : 1;
  }
  return 1;
}
