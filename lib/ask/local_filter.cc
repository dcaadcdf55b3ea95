#include "lib/ask/local_filter.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/random/random.h"
#include "vum/caseload_index.h"

namespace vum::ask {
namespace {

bool Contains(const std::vector<int>& v, int x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

void DropAll(v1::Selectieresultaat* result, LocalFilter* f) {
  f->removed += result->resultaat_size();
  result->clear_resultaat();
}

// Indexes the results under their vumIDs; false if one cannot be indexed.
bool IndexResults(const v1::Selectieresultaat& result, CaseloadIndex* index) {
  for (const v1::Selectieresultaatregel& r : result.resultaat()) {
    if (r.has_vacature()) {
      v1::Vacature v = r.vacature();
      v.set_id_vacature(r.vum_id());
      if (!index->Put(v).ok()) return false;
      continue;
    }
    v1::Werkzoekende p = r.werkzoekende();
    p.set_id_werkzoekende(r.vum_id());
    if (!index->Put(p).ok()) return false;
    // Selectable as the node found it: publication consent in force, and
    // special-category consent where the node said so.
    v1::Procesgegevens process;
    process.set_id_werkzoekende(r.vum_id());
    v1::Toestemming* c = process.add_toestemming();
    c->set_id_werkzoekende(r.vum_id());
    c->set_doel(v1::TOESTEMMING_DOEL_ANONIEME_PUBLICATIE);
    c->set_verleend_op("1970-01-01T00:00:00Z");
    if (r.toestemming_bijzondere_gegevens() == v1::JA_NEE_JA) {
      v1::Toestemming* s = process.add_toestemming();
      s->set_id_werkzoekende(r.vum_id());
      s->set_doel(v1::TOESTEMMING_DOEL_BIJZONDERE_GEGEVENS);
      s->set_grondslag(v1::GRONDSLAG_UITDRUKKELIJKE_TOESTEMMING);
      s->set_verleend_op("1970-01-01T00:00:00Z");
    }
    if (!index->PutProcessData(process).ok()) return false;
  }
  return true;
}

}  // namespace

LocalFilter ApplyIgnoredCriteria(const v1::Selectievraag& question, bool legal_basis,
                                 absl::Time now, const QuestionCompiler& compiler,
                                 const Pc4Register& pc4, v1::Selectieresultaat* result) {
  LocalFilter f;
  std::vector<int> ignored;
  for (const v1::GenegeerdCriterium& g : result->genegeerd_criterium()) {
    if (g.reden() != v1::REDEN_GENEGEERD_LEGE_WAARDE) ignored.push_back(g.index());
  }
  if (ignored.empty() || result->resultaat_size() == 0) return f;
  absl::StatusOr<QuestionCheck> whole = compiler.Compile(question);
  std::vector<int> ignored_here;
  if (whole.ok()) {
    for (const v1::GenegeerdCriterium& g : whole->ignored)
      ignored_here.push_back(g.index());
  }
  v1::Selectievraag local = question;
  local.clear_criterium();
  for (int i : ignored) {
    const bool outside = i < 0 || i >= question.criterium_size();
    if (!whole.ok() || outside || Contains(ignored_here, i)) {
      f.not_applied.push_back(i);
    } else {
      f.applied.push_back(i);
      *local.add_criterium() = question.criterium(i);
    }
  }
  if (!f.not_applied.empty()) {
    DropAll(result, &f);
    return f;
  }
  absl::StatusOr<QuestionCheck> check = compiler.Compile(local);
  absl::StatusOr<std::unique_ptr<CaseloadIndex>> index =
      CaseloadIndex::Create(&pc4, question.soort());
  if (!check.ok() || !check->answerable() || !index.ok() ||
      !IndexResults(*result, index->get())) {
    f.not_applied = std::move(f.applied);
    f.applied.clear();
    DropAll(result, &f);
    return f;
  }
  absl::BitGen rng;
  const CaseloadIndex::Sample kept = (*index)->Select(
      *check->plan, legal_basis ? Audience::kLegalBasis : Audience::kEmployerView, now,
      static_cast<size_t>(result->resultaat_size()), rng);
  absl::flat_hash_set<std::string> fits;
  for (const CaseloadIndex::Match& m : kept.matches) fits.insert(m.id);
  auto* rows = result->mutable_resultaat();
  const int before = rows->size();
  rows->erase(std::remove_if(rows->begin(), rows->end(),
                             [&](const v1::Selectieresultaatregel& r) {
                               return !fits.contains(r.vum_id());
                             }),
              rows->end());
  f.removed = before - rows->size();
  return f;
}

}  // namespace vum::ask
