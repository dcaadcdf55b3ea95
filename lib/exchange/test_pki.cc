#include "lib/exchange/test_pki.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace vum::exchange {
namespace {

struct Free {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(X509* p) const { X509_free(p); }
  void operator()(FILE* f) const { std::fclose(f); }
};
using Key = std::unique_ptr<EVP_PKEY, Free>;
using Cert = std::unique_ptr<X509, Free>;

absl::Status OpenSslError(absl::string_view what) {
  return absl::InternalError(absl::StrCat("OpenSSL could not ", what));
}

Key NewKey() { return Key(EVP_EC_gen("P-256")); }

bool AddName(X509_NAME* name, const char* field, const std::string& value) {
  return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                    reinterpret_cast<const unsigned char*>(value.c_str()),
                                    -1, -1, 0) == 1;
}

bool AddExtension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) return false;
  const bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

// A certificate for `key`, signed by `issuer_key` (itself when no issuer).
absl::StatusOr<Cert> Issue(EVP_PKEY* key, const std::string& common_name,
                           const std::string& oin, X509* issuer, EVP_PKEY* issuer_key,
                           long serial) {
  Cert cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 7L * 24 * 3600);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  if (!AddName(name, "C", "NL") || !AddName(name, "O", common_name) ||
      !AddName(name, "CN", common_name) ||
      (!oin.empty() && !AddName(name, "serialNumber", oin))) {
    return OpenSslError("name a certificate");
  }
  X509* signer = issuer ? issuer : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
  const bool ok =
      issuer == nullptr
          ? AddExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE") &&
                AddExtension(cert.get(), signer, NID_key_usage,
                             "critical,keyCertSign,cRLSign") &&
                AddExtension(cert.get(), signer, NID_subject_key_identifier, "hash")
          : AddExtension(cert.get(), signer, NID_basic_constraints,
                         "critical,CA:FALSE") &&
                AddExtension(cert.get(), signer, NID_key_usage,
                             "critical,digitalSignature,keyAgreement") &&
                AddExtension(cert.get(), signer, NID_ext_key_usage,
                             "serverAuth,clientAuth") &&
                AddExtension(cert.get(), signer, NID_subject_alt_name,
                             "DNS:localhost,IP:127.0.0.1,IP:::1") &&
                AddExtension(cert.get(), signer, NID_authority_key_identifier, "keyid");
  if (!ok) return OpenSslError("add a certificate extension");
  if (X509_sign(cert.get(), issuer_key ? issuer_key : key, EVP_sha256()) == 0) {
    return OpenSslError("sign a certificate");
  }
  return cert;
}

absl::Status Write(const std::string& path, bool secret,
                   const std::function<bool(FILE*)>& write) {
  std::unique_ptr<FILE, Free> f(std::fopen(path.c_str(), "wb"));
  if (!f) return absl::UnavailableError(absl::StrCat("cannot write ", path));
  if (secret) ::fchmod(fileno(f.get()), 0600);
  if (!write(f.get()) || std::fflush(f.get()) != 0) {
    return absl::UnavailableError(absl::StrCat("cannot write ", path));
  }
  return absl::OkStatus();
}

absl::Status WriteCert(const std::string& path, X509* cert) {
  return Write(path, false, [&](FILE* f) { return PEM_write_X509(f, cert) == 1; });
}

absl::Status WriteKey(const std::string& path, EVP_PKEY* key) {
  return Write(path, true, [&](FILE* f) {
    return PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
  });
}

}  // namespace

absl::StatusOr<TestPki> MakeTestPki(const std::string& dir,
                                    const std::vector<TestParty>& parties,
                                    const std::string& ca_name) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return absl::UnavailableError(absl::StrCat("cannot make ", dir));
  Key ca_key = NewKey();
  if (!ca_key) return OpenSslError("make a key");
  absl::StatusOr<Cert> ca =
      Issue(ca_key.get(), absl::StrCat("vum test CA ", ca_name), "", nullptr, nullptr, 1);
  if (!ca.ok()) return ca.status();
  TestPki pki;
  pki.ca_certificate = absl::StrCat(dir, "/", ca_name, ".crt");
  if (absl::Status s = WriteCert(pki.ca_certificate, ca->get()); !s.ok()) return s;
  long serial = 2;
  for (const TestParty& p : parties) {
    Key key = NewKey();
    if (!key) return OpenSslError("make a key");
    absl::StatusOr<Cert> cert =
        Issue(key.get(), p.name, p.oin, ca->get(), ca_key.get(), serial++);
    if (!cert.ok()) return cert.status();
    TestPki::Files files{p.name, p.oin, absl::StrCat(dir, "/", p.name, ".crt"),
                         absl::StrCat(dir, "/", p.name, ".key")};
    if (absl::Status s = WriteCert(files.certificate, cert->get()); !s.ok()) return s;
    if (absl::Status s = WriteKey(files.private_key, key.get()); !s.ok()) return s;
    pki.parties.push_back(std::move(files));
  }
  return pki;
}

absl::Status WriteTestKey(const std::string& path) {
  unsigned char raw[32];
  if (RAND_bytes(raw, sizeof raw) != 1) return absl::InternalError("no random bytes");
  std::ofstream out(path, std::ios::trunc);
  out << absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(raw), sizeof raw));
  out.close();
  ::chmod(path.c_str(), 0600);
  return out ? absl::OkStatus()
             : absl::UnavailableError(absl::StrCat("cannot write ", path));
}

}  // namespace vum::exchange
