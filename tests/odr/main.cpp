// Two translation units include all of plansim and are linked into one program: any non-inline
// definition in a header would fail to link here.
#include <string>

std::string odr_first();
std::string odr_second();

int main() { return odr_first() == odr_second() ? 0 : 1; }
