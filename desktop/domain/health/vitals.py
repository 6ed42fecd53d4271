"""Vital signs: hard limits for the impossible (refused) and soft warnings for the unusual (asked).

One pure module that the visit form (at each field, live) and the domain (every save path: the form,
an import, a repair) both use. The bounds are data below, each with its source. Both ends of every
range are *inside* it: 30,0 °C and 43,0 °C are accepted, 29,9 °C and 43,1 °C are refused.

Hard limits (refused, the value cannot be a living patient's or is a typing slip such as 375 for 37,5):
- temperature 30–43 °C: below 30 °C is severe hypothermia (a patient in arrest, not at the counter);
  above 43 °C is not survivable (WHO/ISTH; Harrison's Principles of Internal Medicine, hyperthermia).
- blood pressure: systolic 50–280, diastolic 20–180 mmHg, systolic above diastolic (the upper ends of
  automated devices' measuring range, e.g. Omron 0–299 mmHg; below them a pressure is not measurable
  by cuff).
- pulse 20–250 /min (the limits of ordinary pulse oximeters and ECG monitors; an infant's SVT ~220–300).
- weight 0,3–300 kg, height 20–250 cm (the smallest live-born infants and the tallest adults recorded).

Soft warnings (saved after the nakes confirms):
- temperature below 35 °C (hypothermia, WHO definition) or 39 °C and above (high fever; IMCI/MTBS
  counts ≥ 39 °C in a young infant as a danger sign).
- systolic ≥ 180 or diastolic ≥ 120 mmHg (hypertensive crisis, 2017 ACC/AHA guideline and PERHI 2019
  consensus), systolic < 80 mmHg (hypotension/shock; WHO ETAT).
- pulse outside the age band's usual range: Fleming S. et al., "Normal ranges of heart rate and
  respiratory rate in children from birth to 18 years", Lancet 2011;377:1011-18 (1st–99th centiles,
  rounded outward), adults 50–120 /min.
- weight and height outside the age band's usual range: WHO Child Growth Standards 2006 (0–5 years,
  weight-for-age and length/height-for-age) and WHO Growth Reference 2007 (5–19 years), the −3 SD and
  +3 SD lines of both sexes rounded outward to one band per year group; adults (15+) set by Layan
  (28–150 kg, 130–210 cm). So a 5-year-old at 80 kg (WHO +3 SD ≈ 30 kg) is asked about.

No respiratory rate yet: the visit record has no field for it.
No Qt here (domain layer). Messages are (Indonesian, English) pairs.
"""

from __future__ import annotations

from dataclasses import dataclass

from sync.schema import FieldError

HARD = "hard"
WARN = "warn"

# key: (low, high, unit) — both ends accepted.
HARD_LIMITS: dict[str, tuple[float, float, str]] = {
    "suhu_c": (30.0, 43.0, "°C"),
    "sistolik": (50, 280, "mmHg"),
    "diastolik": (20, 180, "mmHg"),
    "nadi": (20, 250, "/menit"),
    "berat_kg": (0.3, 300, "kg"),
    "tinggi_cm": (20, 250, "cm"),
}
UNITS_EN = {"/menit": "/min"}

TEMPERATURE_LOW = 35.0  # below: hypothermia (warn)
TEMPERATURE_HIGH = 39.0  # at or above: high fever (warn)
SYSTOLIC_CRISIS = 180  # at or above (warn)
DIASTOLIC_CRISIS = 120  # at or above (warn)
SYSTOLIC_LOW = 80  # below (warn)

# (from age in full years, low, high): the band applies from that age up to the next band's age.
PULSE_BY_AGE = ((0, 90, 190), (1, 70, 160), (5, 60, 140), (12, 50, 130), (18, 50, 120))
WEIGHT_BY_AGE = ((0, 1.5, 14), (1, 6.5, 18), (2, 8.5, 21), (3, 10, 24), (4, 11.5, 27), (5, 12.5, 35),
                 (7, 15, 50), (10, 20, 90), (15, 28, 150))
HEIGHT_BY_AGE = ((0, 40, 85), (1, 65, 100), (2, 75, 110), (3, 82, 118), (4, 88, 125), (5, 95, 135),
                 (7, 105, 155), (10, 120, 185), (15, 130, 210))
AGE_BANDS = {"nadi": PULSE_BY_AGE, "berat_kg": WEIGHT_BY_AGE, "tinggi_cm": HEIGHT_BY_AGE}

LABELS = {"suhu_c": ("Suhu", "Temperature"), "sistolik": ("Sistolik", "Systolic"),
          "diastolik": ("Diastolik", "Diastolic"), "nadi": ("Nadi", "Pulse"), "berat_kg": ("Berat", "Weight"),
          "tinggi_cm": ("Tinggi", "Height")}


@dataclass(frozen=True)
class Finding:
    field: str  # the visit field: suhu_c, sistolik, diastolik, nadi, berat_kg, tinggi_cm
    level: str  # HARD (refused) or WARN (ask)
    message: str  # Indonesian
    message_en: str


def number_text(value: float, lang: str = "id") -> str:
    """38.5 → "38,5" (Indonesian) or "38.5"; 40.0 → "40"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return text.replace(".", ",") if lang == "id" else text


def band(table, age_years: int) -> tuple[float, float]:
    """The (low, high) of the age band ``age_years`` falls in."""
    chosen = table[0]
    for row in table:
        if age_years >= row[0]:
            chosen = row
    return chosen[1], chosen[2]


def _hard(key: str, value: float) -> Finding | None:
    low, high, unit = HARD_LIMITS[key]
    if low <= value <= high:
        return None
    label_id, label_en = LABELS[key]
    unit_en = UNITS_EN.get(unit, unit)
    return Finding(key, HARD,
                   f"{label_id} {number_text(value)} {unit} tidak mungkin (batas {number_text(low)}–"
                   f"{number_text(high)} {unit}). Periksa lagi; mungkin salah ketik.",
                   f"{label_en} {number_text(value, 'en')} {unit_en} is impossible (limits {number_text(low, 'en')}–"
                   f"{number_text(high, 'en')} {unit_en}). Check again; perhaps a typing slip.")


def check(values: dict, age_years: int | None = None) -> list[Finding]:
    """Every hard and soft finding for the vital signs in ``values`` (keys as in the visit record;
    missing or None values are skipped). ``age_years``: the patient's age on the visit day, when known."""
    out: list[Finding] = []
    present = {k: values.get(k) for k in HARD_LIMITS if isinstance(values.get(k), (int, float))
               and not isinstance(values.get(k), bool)}
    refused = set()
    for key, value in present.items():
        finding = _hard(key, value)
        if finding is not None:
            out.append(finding)
            refused.add(key)
    sys_, dia = present.get("sistolik"), present.get("diastolik")
    if sys_ is not None and dia is not None and not {"sistolik", "diastolik"} & refused and dia >= sys_:
        out.append(Finding("sistolik", HARD, f"Tensi {sys_}/{dia}: sistolik harus lebih besar dari diastolik.",
                           f"Blood pressure {sys_}/{dia}: the systolic must be above the diastolic."))
        refused |= {"sistolik", "diastolik"}
    temp = present.get("suhu_c")
    if temp is not None and "suhu_c" not in refused:
        if temp < TEMPERATURE_LOW:
            out.append(Finding("suhu_c", WARN, f"Suhu {number_text(temp)} °C: hipotermia (< 35 °C).",
                               f"Temperature {number_text(temp, 'en')} °C: hypothermia (< 35 °C)."))
        elif temp >= TEMPERATURE_HIGH:
            out.append(Finding("suhu_c", WARN, f"Suhu {number_text(temp)} °C: demam tinggi (≥ 39 °C).",
                               f"Temperature {number_text(temp, 'en')} °C: high fever (≥ 39 °C)."))
    if not {"sistolik", "diastolik"} & refused and (sys_ is not None or dia is not None):
        shown = f"{sys_ if sys_ is not None else '?'}/{dia if dia is not None else '?'}"
        if (sys_ is not None and sys_ >= SYSTOLIC_CRISIS) or (dia is not None and dia >= DIASTOLIC_CRISIS):
            out.append(Finding("sistolik", WARN, f"Tensi {shown} mmHg: krisis hipertensi (≥ 180/120).",
                               f"Blood pressure {shown} mmHg: hypertensive crisis (≥ 180/120)."))
        elif sys_ is not None and sys_ < SYSTOLIC_LOW:
            out.append(Finding("sistolik", WARN, f"Tensi {shown} mmHg: hipotensi (sistolik < 80).",
                               f"Blood pressure {shown} mmHg: hypotension (systolic < 80)."))
    if age_years is not None and age_years >= 0:
        for key, table in AGE_BANDS.items():
            value = present.get(key)
            if value is None or key in refused:
                continue
            low, high = band(table, age_years)
            if low <= value <= high:
                continue
            label_id, label_en = LABELS[key]
            unit = HARD_LIMITS[key][2]
            unit_en = UNITS_EN.get(unit, unit)
            out.append(Finding(
                key, WARN,
                f"{label_id} {number_text(value)} {unit} tidak biasa untuk umur {age_years} tahun "
                f"(biasanya {number_text(low)}–{number_text(high)} {unit}).",
                f"{label_en} {number_text(value, 'en')} {unit_en} is unusual at age {age_years} "
                f"(usually {number_text(low, 'en')}–{number_text(high, 'en')} {unit_en})."))
    return out


def hard_errors(values: dict) -> list[FieldError]:
    """The impossible values as FieldErrors (the domain refuses a save with any)."""
    return [FieldError(f.field, f.message, f.message_en) for f in check(values) if f.level == HARD]


def warnings(values: dict, age_years: int | None = None) -> list[Finding]:
    return [f for f in check(values, age_years) if f.level == WARN]


__all__ = ["HARD_LIMITS", "Finding", "band", "check", "hard_errors", "number_text", "warnings"]
