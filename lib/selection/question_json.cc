// The VUM JSON form of a selection question (the VUM interface 2.0 shape):
// an object with the question's own keys and one key per criterion path,
// whose value is an object of explicit operators.

#include <simdjson.h>

#include <cmath>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "lib/json/json_string.h"
#include "vum/schema.h"
#include "vum/selection.h"

namespace vum {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

constexpr char kKind[] = "soort";
constexpr char kArea[] = "selectiegebied";
constexpr char kMaxResults[] = "maximumAantalResultaten";
constexpr char kVersion[] = "versieStandaard";
// The number a reader gives an operator this version does not know, so that
// the compiler reports it as ignored (proto3 enums keep unknown numbers).
constexpr int kUnknownOperator = 1000;

absl::Status Malformed(absl::string_view where, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("selection question: ", where, ": ", why));
}

std::string CriterionName(int index) { return absl::StrCat("criterion ", index); }

v1::SelectieOperator OperatorOf(std::string_view key) {
  for (int op = 1; v1::SelectieOperator_IsValid(op); ++op) {
    const auto* value = v1::SelectieOperator_descriptor()->FindValueByNumber(op);
    if (InfoOf(*value).label() == key) return static_cast<v1::SelectieOperator>(op);
  }
  return static_cast<v1::SelectieOperator>(kUnknownOperator);
}

bool IsEmpty(element e) {
  switch (e.type()) {
    case element_type::NULL_VALUE:
      return true;
    case element_type::STRING:
      return std::string_view(e.get_string().value()).empty();
    case element_type::ARRAY:
      return e.get_array().value().size() == 0;
    case element_type::OBJECT:
      return e.get_object().value().size() == 0;
    default:
      return false;
  }
}

// One value into `out`; false if it is of no type a value can have.
bool ReadValue(element e, v1::Criterium* out) {
  if (IsEmpty(e)) return true;  // counts as absent
  switch (e.type()) {
    case element_type::STRING:
      out->add_waarde()->set_tekst(std::string(e.get_string().value()));
      return true;
    case element_type::INT64:
      out->add_waarde()->set_getal(static_cast<double>(e.get_int64().value()));
      return true;
    case element_type::UINT64:
      out->add_waarde()->set_getal(static_cast<double>(e.get_uint64().value()));
      return true;
    case element_type::DOUBLE:
      out->add_waarde()->set_getal(e.get_double().value());
      return true;
    default:
      return false;
  }
}

absl::Status ReadOperators(object ops, const std::string& where, int depth,
                           v1::Criterium* first, std::vector<v1::Criterium>* out);

// The koppelvlak 3.0 form `"$or": [{"p": {"$eq": a}}, {"p": {"$eq": b}}]` inside
// an $elemMatch: alternatives of $eq on one path, read as `"p": {"$in": [a, b]}`.
// Alternatives on different paths or with other operators have no reading in
// this version: the criterion is then ignored (reported), not refused.
absl::Status ReadOrOfEquals(element alternatives, const std::string& where,
                            v1::Criterium* c) {
  if (alternatives.type() != element_type::ARRAY) {
    return Malformed(where, "$or takes a list of conditions");
  }
  v1::Criterium in;
  in.set_operator_(v1::SELECTIE_OPERATOR_IN);
  bool readable = true;
  const simdjson::dom::array items = alternatives.get_array().value();
  for (element item : items) {
    if (item.type() != element_type::OBJECT) {
      return Malformed(where, "an alternative of $or is not an object");
    }
    const object alternative = item.get_object().value();
    if (alternative.size() != 1) {
      readable = false;
      continue;
    }
    auto [path, condition] = *alternative.begin();
    if (!in.pad().empty() && in.pad() != path) readable = false;
    in.set_pad(std::string(path));
    if (condition.type() != element_type::OBJECT) {
      return Malformed(where, "a condition of $or is not an object of operators");
    }
    const object ops = condition.get_object().value();
    element value;
    if (ops.size() != 1 || ops.at_key("$eq").get(value) != simdjson::SUCCESS) {
      readable = false;
      continue;
    }
    if (!ReadValue(value, &in))
      return Malformed(where, "a value is an object or a boolean");
  }
  if (!readable || in.pad().empty()) {
    c->set_operator_(static_cast<v1::SelectieOperator>(kUnknownOperator));
    c->clear_element();
    return absl::OkStatus();
  }
  *c->add_element() = std::move(in);
  return absl::OkStatus();
}

// The operand of one operator into `c`.
absl::Status ReadOperand(element operand, const std::string& where, int depth,
                         v1::Criterium* c) {
  // An operator of a later version: its operand is not read, the criterion
  // is ignored.
  if (c->operator_() == kUnknownOperator) return absl::OkStatus();
  if (c->operator_() == v1::SELECTIE_OPERATOR_ELEM_MATCH) {
    if (IsEmpty(operand)) return absl::OkStatus();
    if (operand.type() != element_type::OBJECT) {
      return Malformed(where, "$elemMatch takes an object of conditions");
    }
    const object conditions_object = operand.get_object().value();
    for (auto [key, value] : conditions_object) {
      if (key == "$or") {
        if (absl::Status s = ReadOrOfEquals(value, where, c); !s.ok()) return s;
        if (c->operator_() == kUnknownOperator) return absl::OkStatus();
        continue;
      }
      v1::Criterium nested;
      nested.set_pad(std::string(key));
      std::vector<v1::Criterium> conditions;
      if (IsEmpty(value)) {
        conditions.push_back(nested);
      } else if (value.type() != element_type::OBJECT) {
        return Malformed(where,
                         "a condition of $elemMatch is not an object of operators");
      } else {
        absl::Status s = ReadOperators(value.get_object().value(), where, depth + 1,
                                       &nested, &conditions);
        if (!s.ok()) return s;
      }
      for (v1::Criterium& e : conditions) *c->add_element() = std::move(e);
    }
    return absl::OkStatus();
  }
  if (operand.type() == element_type::ARRAY) {
    const simdjson::dom::array values = operand.get_array().value();
    for (element e : values) {
      if (!ReadValue(e, c))
        return Malformed(where, "a list of values holds a list, object or boolean");
    }
    return absl::OkStatus();
  }
  if (!ReadValue(operand, c))
    return Malformed(where, "a value is an object or a boolean");
  return absl::OkStatus();
}

// Whether `operand` is the koppelvlak 3.0 form of $all: a list of
// `{"$elemMatch": {...}}`.
bool IsAllOfElemMatch(element operand) {
  if (operand.type() != element_type::ARRAY) return false;
  const simdjson::dom::array items = operand.get_array().value();
  if (items.size() == 0) return false;
  for (element item : items) {
    if (item.type() != element_type::OBJECT) return false;
  }
  return true;
}

// `"$all": [{"$elemMatch": A}, {"$elemMatch": B}]`: each item met by some
// element of the list, possibly the same one (MongoDB's reading), which is
// one $elemMatch criterion per item on the list's path (criteria are all met).
absl::Status ReadAllOfElemMatch(element operand, const std::string& where, int depth,
                                const v1::Criterium& first,
                                std::vector<v1::Criterium>* out) {
  const simdjson::dom::array items = operand.get_array().value();
  for (element item : items) {
    const object wrapper = item.get_object().value();
    element conditions;
    if (wrapper.size() != 1 ||
        wrapper.at_key("$elemMatch").get(conditions) != simdjson::SUCCESS) {
      return Malformed(where,
                       "an item of $all is an object but not {\"$elemMatch\": ...}");
    }
    v1::Criterium c = first;
    c.set_operator_(v1::SELECTIE_OPERATOR_ELEM_MATCH);
    if (absl::Status s = ReadOperand(conditions, where, depth, &c); !s.ok()) return s;
    out->push_back(std::move(c));
  }
  return absl::OkStatus();
}

// `{"$gte": 3, "$lte": 5}`: one criterion per operator, each a copy of
// `*first` (which holds the path).
absl::Status ReadOperators(object ops, const std::string& where, int depth,
                           v1::Criterium* first, std::vector<v1::Criterium>* out) {
  if (depth > 2) return Malformed(where, "nested deeper than $elemMatch allows");
  absl::flat_hash_set<std::string_view> seen;
  for (auto [key, operand] : ops) {
    if (!seen.insert(key).second) return Malformed(where, "an operator appears twice");
    v1::Criterium c = *first;
    c.set_operator_(OperatorOf(key));
    if (c.operator_() == v1::SELECTIE_OPERATOR_ALL && IsAllOfElemMatch(operand)) {
      absl::Status s = ReadAllOfElemMatch(operand, where, depth, *first, out);
      if (!s.ok()) return s;
      continue;
    }
    absl::Status s = ReadOperand(operand, where, depth, &c);
    if (!s.ok()) return s;
    out->push_back(std::move(c));
  }
  return absl::OkStatus();
}

absl::Status ReadArea(element e, v1::Selectievraag* q) {
  if (IsEmpty(e)) return absl::OkStatus();
  if (e.type() != element_type::OBJECT) return Malformed(kArea, "not an object");
  const object area = e.get_object().value();
  for (auto [key, value] : area) {
    if (key == "postcode" && value.type() == element_type::STRING) {
      if (!IsEmpty(value))
        q->mutable_selectiegebied()->set_postcode(
            std::string(value.get_string().value()));
    } else if (key == "afstand" && value.is_number()) {
      const double d = value.get_double().value();
      if (d != std::floor(d) || std::abs(d) > 1e6)
        return Malformed(kArea, "afstand is not a whole number");
      q->mutable_selectiegebied()->set_afstand(static_cast<int>(d));
    } else if (!IsEmpty(value)) {
      return Malformed(
          kArea,
          "holds a key other than postcode and afstand, or a value of the wrong type");
    }
  }
  return absl::OkStatus();
}

absl::Status ReadKind(element e, v1::Selectievraag* q) {
  if (e.type() == element_type::STRING) {
    const auto* v = v1::SoortSelectie_descriptor()->FindValueByNumber(1);
    for (int i = 1; v != nullptr;
         v = v1::SoortSelectie_descriptor()->FindValueByNumber(++i)) {
      if (InfoOf(*v).label() == e.get_string().value()) {
        q->set_soort(static_cast<v1::SoortSelectie>(i));
        return absl::OkStatus();
      }
    }
  }
  return Malformed(kKind, "not \"werkzoekenden\" or \"vacatures\"");
}

absl::Status ReadKey(std::string_view key, element value, int index,
                     v1::Selectievraag* q) {
  if (key == kKind) return IsEmpty(value) ? absl::OkStatus() : ReadKind(value, q);
  if (key == kArea) return ReadArea(value, q);
  if (key == kMaxResults) {
    if (IsEmpty(value)) return absl::OkStatus();
    if (!value.is_number() ||
        value.get_double().value() != std::floor(value.get_double().value()) ||
        std::abs(value.get_double().value()) > 1e6) {
      return Malformed(kMaxResults, "not a whole number");
    }
    q->set_maximum_aantal_resultaten(static_cast<int>(value.get_double().value()));
    return absl::OkStatus();
  }
  if (key == kVersion) {
    if (value.type() != element_type::STRING) return Malformed(kVersion, "not a string");
    if (!IsEmpty(value)) q->set_versie_standaard(std::string(value.get_string().value()));
    return absl::OkStatus();
  }
  v1::Criterium first;
  first.set_pad(std::string(key));
  const std::string where = CriterionName(index);
  if (IsEmpty(value)) {
    *q->add_criterium() = std::move(first);
    return absl::OkStatus();
  }
  if (value.type() != element_type::OBJECT) {
    return Malformed(where,
                     "not an object of explicit operators, such as {\"$eq\": ...}");
  }
  std::vector<v1::Criterium> criteria;
  absl::Status s = ReadOperators(value.get_object().value(), where, 1, &first, &criteria);
  if (!s.ok()) return s;
  for (v1::Criterium& c : criteria) *q->add_criterium() = std::move(c);
  return absl::OkStatus();
}

void WriteValues(const v1::Criterium& c, std::string* out) {
  const bool list = c.operator_() == v1::SELECTIE_OPERATOR_IN ||
                    c.operator_() == v1::SELECTIE_OPERATOR_ALL;
  if (list) out->push_back('[');
  for (int i = 0; i < c.waarde_size(); ++i) {
    if (i > 0) out->push_back(',');
    const v1::Waarde& w = c.waarde(i);
    if (w.has_tekst()) {
      out->append(json_internal::JsonString(w.tekst()));
    } else {
      absl::StrAppend(out, w.getal());
    }
  }
  if (list) out->push_back(']');
  if (!list && c.waarde_size() == 0) out->append("null");
}

std::string OperatorKey(int op) {
  const auto* value = v1::SelectieOperator_descriptor()->FindValueByNumber(op);
  return value == nullptr || op == 0 ? absl::StrCat("$operator-", op)
                                     : InfoOf(*value).label();
}

// Criteria [from, to) share a path: one key, one operator each.
void WriteCriteria(const google::protobuf::RepeatedPtrField<v1::Criterium>& cs,
                   std::string* out) {
  bool first_key = true;
  for (int i = 0; i < cs.size();) {
    int j = i;
    while (j < cs.size() && cs[j].pad() == cs[i].pad()) ++j;
    absl::StrAppend(out, first_key ? "" : ",", json_internal::JsonString(cs[i].pad()),
                    ":{");
    first_key = false;
    // Two $elemMatch on one path (from the 3.0 form $all of $elemMatch) are
    // written back in that form: an object cannot name $elemMatch twice.
    int elem_matches = 0;
    for (int k = i; k < j; ++k) {
      elem_matches += cs[k].operator_() == v1::SELECTIE_OPERATOR_ELEM_MATCH;
    }
    bool first_operator = true;
    for (int k = i; k < j; ++k) {
      if (cs[k].operator_() == 0 && cs[k].waarde_size() == 0 && cs[k].element_size() == 0)
        continue;
      const bool elem_match = cs[k].operator_() == v1::SELECTIE_OPERATOR_ELEM_MATCH;
      if (elem_match && elem_matches > 1) continue;
      absl::StrAppend(out, first_operator ? "" : ",",
                      json_internal::JsonString(OperatorKey(cs[k].operator_())), ":");
      first_operator = false;
      if (elem_match) {
        out->push_back('{');
        WriteCriteria(cs[k].element(), out);
        out->push_back('}');
      } else {
        WriteValues(cs[k], out);
      }
    }
    if (elem_matches > 1) {
      absl::StrAppend(out, first_operator ? "" : ",", "\"$all\":[");
      bool first_item = true;
      for (int k = i; k < j; ++k) {
        if (cs[k].operator_() != v1::SELECTIE_OPERATOR_ELEM_MATCH) continue;
        absl::StrAppend(out, first_item ? "" : ",", "{\"$elemMatch\":{");
        first_item = false;
        WriteCriteria(cs[k].element(), out);
        out->append("}}");
      }
      out->push_back(']');
    }
    out->push_back('}');
    i = j;
  }
}

}  // namespace

absl::StatusOr<v1::Selectievraag> ReadSelectionQuestion(
    absl::string_view json, const QuestionReadOptions& options) {
  if (json.size() > options.max_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "selection question: larger than the limit of ", options.max_bytes, " bytes"));
  }
  simdjson::dom::parser parser(options.max_bytes + simdjson::SIMDJSON_PADDING);
  simdjson::padded_string padded(json.data(), json.size());
  element doc;
  if (parser.parse(padded).get(doc) != simdjson::SUCCESS) {
    return Malformed("document", "not JSON (RFC 8259)");
  }
  if (doc.type() != element_type::OBJECT)
    return Malformed("document", "not a JSON object");
  // The koppelvlak 3.0 wraps the question: {"vraagObject": {...}}.
  element wrapped;
  if (doc.get_object().value().size() == 1 &&
      doc.get_object().value().at_key("vraagObject").get(wrapped) == simdjson::SUCCESS) {
    if (wrapped.type() != element_type::OBJECT) {
      return Malformed("vraagObject", "not a JSON object");
    }
    doc = wrapped;
  }
  v1::Selectievraag q;
  absl::flat_hash_set<std::string_view> seen;
  const object top = doc.get_object().value();
  for (auto [key, value] : top) {
    if (!seen.insert(key).second) {
      return Malformed(absl::StrCat("key ", seen.size() + 1), "a key appears twice");
    }
    absl::Status s = ReadKey(key, value, q.criterium_size(), &q);
    if (!s.ok()) return s;
  }
  if (!q.has_soort()) q.set_soort(options.default_kind);
  return q;
}

namespace {

// The question's object; with `vum_members`, vum's own members (soort,
// maximumAantalResultaten, versieStandaard) too.
std::string QuestionObject(const v1::Selectievraag& q, bool vum_members) {
  std::string out = "{";
  auto sep = [&out] {
    if (out.size() > 1) out.push_back(',');
  };
  if (vum_members && q.has_soort()) {
    const auto* v = v1::SoortSelectie_descriptor()->FindValueByNumber(q.soort());
    if (v != nullptr && !InfoOf(*v).placeholder()) {
      absl::StrAppend(&out, "\"", kKind,
                      "\":", json_internal::JsonString(InfoOf(*v).label()));
    }
  }
  if (q.has_selectiegebied()) {
    sep();
    absl::StrAppend(&out, "\"", kArea, "\":{");
    const v1::Selectiegebied& a = q.selectiegebied();
    if (a.has_postcode())
      absl::StrAppend(&out, "\"postcode\":", json_internal::JsonString(a.postcode()));
    if (a.has_afstand())
      absl::StrAppend(&out, a.has_postcode() ? "," : "", "\"afstand\":", a.afstand());
    out.push_back('}');
  }
  if (vum_members && q.has_maximum_aantal_resultaten()) {
    sep();
    absl::StrAppend(&out, "\"", kMaxResults, "\":", q.maximum_aantal_resultaten());
  }
  if (vum_members && q.has_versie_standaard()) {
    sep();
    absl::StrAppend(&out, "\"", kVersion,
                    "\":", json_internal::JsonString(q.versie_standaard()));
  }
  if (q.criterium_size() > 0) {
    sep();
    WriteCriteria(q.criterium(), &out);
  }
  return out + "}";
}

}  // namespace

std::string WriteSelectionQuestion(const v1::Selectievraag& q) {
  return QuestionObject(q, true);
}

std::string WriteKoppelvlakQuestion(const v1::Selectievraag& q) {
  return absl::StrCat("{\"vraagObject\":", QuestionObject(q, false), "}");
}

}  // namespace vum
