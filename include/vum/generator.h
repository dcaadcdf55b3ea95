// vum/generator.h: realistic synthetic profiles and vacancies, for tests,
// benchmarks and trying out a system, never for production data.
//
// The same seed gives the same records on every platform. Every generated
// value is synthetic: e-mail addresses use example.nl, phone numbers the
// 06-12 range, ids the prefix "synth-". With `invalid_fraction` > 0, that
// share of records breaks one rule of the standard's level, chosen at random
// from a fixed set (hours out of range, a postcode with a space, a date that
// does not exist, an undeclared code, an empty id, an id with a space), so
// that rejection paths get exercised too. Occupations and skills are URIs in
// CompetentNL's shape with synthetic identifiers.
//
// Example:
//
//   vum::RecordGenerator generator({.seed = 42});
//   vum::v1::Werkzoekende profile;
//   for (int i = 0; i < 1000; ++i) generator.NextProfile(&profile);
//
// Thread safety: a generator is not safe to share between threads; give each
// thread its own (with its own seed).

#ifndef VUM_GENERATOR_H_
#define VUM_GENERATOR_H_

#include <cstdint>
#include <random>

#include "vum/pc4.h"
#include "vum/v1/job_seeker.pb.h"
#include "vum/v1/process.pb.h"
#include "vum/v1/vacancy.pb.h"

namespace vum {

struct GeneratorOptions {
  uint64_t seed = 1;
  // Share of records, 0 to 1, that break one rule of the standard.
  double invalid_fraction = 0.0;
  // When set (not owned), postcodes are drawn from the four-digit areas of
  // this list, so that the records spread over the real country; otherwise
  // from 1000-9999.
  const Pc4Register* pc4 = nullptr;
  // Chance, 0 to 1, that each of ten optional elements of a profile
  // (education, languages, level, skills, licences, hours, availability,
  // contract forms, sectors, travel distance) is left out, so that a caseload
  // is as incomplete as a real one can be.
  double incomplete_fraction = 0.0;
};

class RecordGenerator {
 public:
  explicit RecordGenerator(const GeneratorOptions& options = {});

  // Replaces `*profile` with the next generated profile. Returns whether it
  // was made to break a rule.
  bool NextProfile(v1::Werkzoekende* profile);

  // Replaces `*vacancy` with the next generated vacancy. Returns whether it
  // was made to break a rule.
  bool NextVacancy(v1::Vacature* vacancy);
  // Replaces `*process` with process data for `profile`: a consent to
  // anonymous publication from 2026-01-01 until 2028-01-01 for nine in ten
  // profiles (one in a hundred of those withdrawn on 2026-03-01), and for one
  // in five an explicit consent to show special-category data.
  void NextProcessData(const v1::Werkzoekende& profile, v1::Procesgegevens* process);

 private:
  int Uniform(int low, int high);  // inclusive
  bool Chance(double p);
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Uniform(0, static_cast<int>(N) - 1)];
  }
  std::string Postcode();
  std::string Uuid();
  void LeaveOut(v1::Werkzoekende* profile);
  std::string Date(int from_year, int to_year);
  void BreakProfile(v1::Werkzoekende* profile);
  void BreakVacancy(v1::Vacature* vacancy);

  GeneratorOptions options_;
  std::mt19937_64 random_;
  uint64_t count_ = 0;
};

}  // namespace vum

#endif  // VUM_GENERATOR_H_
