#include <plansim/report/sha256.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "catch.hpp"

// Test vectors from NIST FIPS 180-4's examples (csrc.nist.gov, SHA256.pdf) and the NESSIE set.
TEST_CASE("SHA-256: the FIPS 180-4 example messages", "[report][sha256]") {
  CHECK(plansim::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(plansim::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(plansim::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(plansim::sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("SHA-256: any split into updates gives the same digest (padding at 55, 56, 64 bytes)", "[report][sha256]") {
  for (const std::size_t length : {55u, 56u, 63u, 64u, 65u, 119u, 120u, 200u}) {
    std::string message;
    for (std::size_t i = 0; i < length; ++i) message += static_cast<char>('a' + i % 26);
    const std::string whole = plansim::sha256_hex(message);
    for (std::size_t cut = 0; cut <= length; cut += 7) {
      plansim::sha256 hash;
      hash.update(std::string_view(message).substr(0, cut)).update(std::string_view(message).substr(cut));
      CHECK(hash.hex_digest() == whole);
    }
  }
}

TEST_CASE("SHA-256: files, and a clear error for a missing one", "[report][sha256]") {
  const auto path = std::filesystem::temp_directory_path() / "plansim_sha256_test.txt";
  {
    std::ofstream out(path, std::ios::binary);
    out << "abc";
  }
  CHECK(plansim::sha256_file(path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  std::filesystem::remove(path);
  CHECK_THROWS_WITH(plansim::sha256_file(path), Catch::Matchers::StartsWith("[plansim.sha256.1] " + path.string() + ": cannot open the file"));
}
