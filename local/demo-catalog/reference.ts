/**
 * Reference data the demo catalog is generated from: product families a Mexican pharmacy sells, who
 * makes them, in which presentations, and at about which price. Brand/lab pairings are illustrative demo
 * data, not a statement about any company's current portfolio.
 */

/** How a maker prices against the family's generic reference price. */
export type MakerTier = 'brand' | 'generic' | 'value';

export interface Maker {
  readonly lab: string;
  /** Commercial name the product is sold under; the generic name (ingredients) when absent. */
  readonly brand?: string;
  readonly tier: MakerTier;
}

/** One way a family is sold: what follows the name, the pack description and its price relative to the base. */
export interface PresentationOption {
  readonly nameSuffix: string;
  readonly presentation: string;
  readonly priceFactor: number;
}

export interface ProductFamily {
  /** Stable key; also seeds each product's own random attributes. */
  readonly key: string;
  readonly category: string;
  /** Generic name used when the maker has no brand; defaults to the ingredients joined. */
  readonly genericName?: string;
  readonly activeIngredients: readonly string[];
  readonly prescriptionRequired: boolean;
  /** Controlled substance (psychotropics): the prescription is retained by the pharmacy. */
  readonly controlled?: boolean;
  /** What it is for, as one Spanish sentence for the description. */
  readonly use: string;
  /** Reference price of the first option at a generic maker, in centavos. */
  readonly baseCents: number;
  readonly makers: readonly Maker[];
  readonly options: readonly PresentationOption[];
}

export const CATEGORY_NAMES = [
  'Analgésicos',
  'Antibióticos',
  'Gastrointestinal',
  'Antialérgicos',
  'Cardiovascular',
  'Diabetes',
  'Respiratorio',
  'Tos y resfriado',
  'Sistema nervioso',
  'Dermatología',
  'Dermocosmética',
  'Vitaminas y suplementos',
  'Bebés',
  'Higiene personal',
  'Primeros auxilios',
  'Oftálmicos',
] as const;

export type CategoryName = (typeof CATEGORY_NAMES)[number];

/** Relative price of a larger pack: bigger packs cost less per unit. */
function packFactor(pack: number, smallest: number): number {
  return (pack / smallest) ** 0.82;
}

/** Relative price of a stronger dose. */
function strengthFactor(index: number): number {
  return 1 + 0.3 * index;
}

/** Tablets, capsules and the like: "Caja con 20 tabletas de 400 mg". */
function solid(unit: string, strengths: readonly string[], packs: readonly number[], container = 'Caja'): PresentationOption[] {
  return strengths.flatMap((strength, si) =>
    packs.map((pack) => ({
      nameSuffix: strength,
      presentation: `${container} con ${pack} ${unit} de ${strength}`,
      priceFactor: strengthFactor(si) * packFactor(pack, packs[0] ?? pack),
    })),
  );
}

/** Oral liquids: "Frasco con 120 ml de suspensión (100 mg/5 ml)". */
function liquid(kind: string, concentrations: readonly string[], volumesMl: readonly number[], container = 'Frasco'): PresentationOption[] {
  const label = kind.charAt(0).toUpperCase() + kind.slice(1);
  return concentrations.flatMap((concentration, ci) =>
    volumesMl.map((ml) => ({
      nameSuffix: `${label} ${concentration}`,
      presentation: `${container} con ${ml} ml de ${kind} (${concentration})`,
      priceFactor: strengthFactor(ci) * packFactor(ml, volumesMl[0] ?? ml),
    })),
  );
}

/** Creams, gels, ointments: "Tubo con 30 g de crema al 1 %". */
function topical(kind: string, strengths: readonly string[], grams: readonly number[], container = 'Tubo'): PresentationOption[] {
  const label = kind.charAt(0).toUpperCase() + kind.slice(1);
  return strengths.flatMap((strength, si) =>
    grams.map((g) => ({
      nameSuffix: strength ? `${label} ${strength}` : label,
      presentation: strength ? `${container} con ${g} g de ${kind} al ${strength}` : `${container} con ${g} g de ${kind}`,
      priceFactor: strengthFactor(si) * packFactor(g, grams[0] ?? g),
    })),
  );
}

/** Non-medicine goods sold by variant and pack: name "<brand> <variant>", presentation as given. */
function goods(variants: readonly string[], packs: readonly { label: string; size: number }[]): PresentationOption[] {
  return variants.flatMap((variant, vi) =>
    packs.map((pack) => ({
      nameSuffix: variant,
      presentation: pack.label,
      // Goods come in very different sizes (a 40 ml tube, a 400 ml bottle): price grows slower than size.
      priceFactor: (1 + 0.12 * vi) * (pack.size / (packs[0]?.size ?? pack.size)) ** 0.55,
    })),
  );
}

// Makers that sell generic medicines under the ingredient's name.
const PISA: Maker = { lab: 'Laboratorios Pisa', tier: 'generic' };
const LIOMONT: Maker = { lab: 'Liomont', tier: 'generic' };
const SENOSIAIN: Maker = { lab: 'Laboratorios Senosiain', tier: 'generic' };
const ULTRA: Maker = { lab: 'Ultra Laboratorios', tier: 'generic' };
const SANDOZ: Maker = { lab: 'Sandoz', tier: 'generic' };
const TEVA: Maker = { lab: 'Teva', tier: 'generic' };
const AMSA: Maker = { lab: 'Laboratorios Amsa', tier: 'generic' };
const SIMILARES: Maker = { lab: 'Similares', tier: 'value' };
const PSICOFARMA: Maker = { lab: 'Psicofarma', tier: 'generic' };

const GENERICS = [PISA, LIOMONT, SENOSIAIN, ULTRA, SANDOZ, SIMILARES] as const;
const brand = (lab: string, name: string): Maker => ({ lab, brand: name, tier: 'brand' });
const house = (lab: string): Maker => ({ lab, brand: lab, tier: 'brand' });

export const PRODUCT_FAMILIES: readonly ProductFamily[] = [
  // ── Analgésicos ──────────────────────────────────────────────────────────────
  {
    key: 'paracetamol', category: 'Analgésicos', activeIngredients: ['Paracetamol'], prescriptionRequired: false,
    use: 'Alivia el dolor leve a moderado y reduce la fiebre.', baseCents: 2450,
    makers: [brand('Johnson & Johnson', 'Tylenol'), ...GENERICS, TEVA],
    options: [
      ...solid('tabletas', ['500 mg', '750 mg'], [10, 20, 24]),
      ...liquid('suspensión', ['160 mg/5 ml'], [120]),
      ...liquid('solución en gotas', ['100 mg/ml'], [15], 'Frasco gotero'),
    ],
  },
  {
    key: 'ibuprofeno', category: 'Analgésicos', activeIngredients: ['Ibuprofeno'], prescriptionRequired: false,
    use: 'Antiinflamatorio que alivia el dolor, la inflamación y la fiebre.', baseCents: 3290,
    makers: [brand('Haleon', 'Advil'), ...GENERICS, AMSA],
    options: [...solid('tabletas', ['200 mg', '400 mg', '600 mg', '800 mg'], [10, 20, 30]), ...liquid('suspensión', ['100 mg/5 ml'], [120])],
  },
  {
    key: 'naproxeno', category: 'Analgésicos', genericName: 'Naproxeno sódico', activeIngredients: ['Naproxeno'],
    prescriptionRequired: false, use: 'Alivia el dolor muscular, articular y menstrual, y la inflamación.', baseCents: 3650,
    makers: [brand('Bayer', 'Flanax'), PISA, LIOMONT, ULTRA, SIMILARES],
    options: solid('tabletas', ['275 mg', '550 mg'], [10, 20, 30]),
  },
  {
    key: 'acido-acetilsalicilico', category: 'Analgésicos', genericName: 'Ácido acetilsalicílico',
    activeIngredients: ['Ácido acetilsalicílico'], prescriptionRequired: false,
    use: 'Alivia el dolor y la fiebre; en dosis bajas ayuda a prevenir eventos cardiovasculares.', baseCents: 2190,
    makers: [brand('Bayer', 'Aspirina'), PISA, SENOSIAIN, ULTRA, SIMILARES],
    options: [...solid('tabletas', ['500 mg'], [20, 40, 100]), ...solid('tabletas con capa entérica', ['100 mg'], [28, 56])],
  },
  {
    key: 'diclofenaco', category: 'Analgésicos', genericName: 'Diclofenaco sódico', activeIngredients: ['Diclofenaco'],
    prescriptionRequired: false, use: 'Antiinflamatorio para dolor de espalda, articulaciones y torceduras.', baseCents: 2890,
    makers: [brand('Novartis', 'Voltaren'), PISA, LIOMONT, SENOSIAIN, SIMILARES, AMSA],
    options: [...solid('grageas', ['50 mg', '100 mg'], [20, 30]), ...topical('gel', ['1 %'], [50, 100])],
  },
  {
    key: 'ketorolaco', category: 'Analgésicos', activeIngredients: ['Ketorolaco'], prescriptionRequired: true,
    use: 'Analgésico potente para el dolor agudo de moderado a intenso, por periodos cortos.', baseCents: 4190,
    makers: [brand('Roche', 'Dolac'), PISA, LIOMONT, SENOSIAIN, SIMILARES],
    options: solid('tabletas', ['10 mg', '30 mg'], [10, 20]),
  },
  {
    key: 'metamizol', category: 'Analgésicos', genericName: 'Metamizol sódico', activeIngredients: ['Metamizol sódico'],
    prescriptionRequired: false, use: 'Alivia el dolor intenso y la fiebre que no ceden con otros analgésicos.', baseCents: 2590,
    makers: [brand('Sanofi', 'Neo-Melubrina'), PISA, LIOMONT, ULTRA, SIMILARES],
    options: solid('tabletas', ['500 mg'], [10, 20, 30]),
  },
  {
    key: 'tramadol-paracetamol', category: 'Analgésicos', genericName: 'Tramadol / Paracetamol',
    activeIngredients: ['Tramadol', 'Paracetamol'], prescriptionRequired: true,
    use: 'Analgésico combinado para el dolor moderado a intenso.', baseCents: 9850,
    makers: [brand('Janssen', 'Tramacet'), PISA, LIOMONT, SENOSIAIN],
    options: solid('tabletas', ['37.5 mg/325 mg'], [10, 20, 30]),
  },
  {
    key: 'complejo-b-diclofenaco', category: 'Analgésicos', genericName: 'Complejo B / Diclofenaco',
    activeIngredients: ['Diclofenaco', 'Tiamina', 'Piridoxina', 'Cianocobalamina'], prescriptionRequired: false,
    use: 'Alivia el dolor de origen nervioso como ciática y neuritis.', baseCents: 8990,
    makers: [brand('Procter & Gamble', 'Dolo-Neurobión'), SENOSIAIN, LIOMONT, SIMILARES],
    options: solid('tabletas', ['50 mg'], [10, 30]),
  },

  // ── Antibióticos (todos con receta) ─────────────────────────────────────────
  {
    key: 'amoxicilina', category: 'Antibióticos', activeIngredients: ['Amoxicilina'], prescriptionRequired: true,
    use: 'Antibiótico de amplio espectro para infecciones respiratorias, de oído y urinarias.', baseCents: 7450,
    makers: [brand('GSK', 'Amoxil'), ...GENERICS, TEVA],
    options: [...solid('cápsulas', ['500 mg'], [12, 15, 21]), ...liquid('suspensión', ['250 mg/5 ml', '500 mg/5 ml'], [75, 100])],
  },
  {
    key: 'amoxicilina-clavulanico', category: 'Antibióticos', genericName: 'Amoxicilina / Ácido clavulánico',
    activeIngredients: ['Amoxicilina', 'Ácido clavulánico'], prescriptionRequired: true,
    use: 'Antibiótico para infecciones resistentes de vías respiratorias, piel y vías urinarias.', baseCents: 16900,
    makers: [brand('GSK', 'Augmentin'), PISA, LIOMONT, SENOSIAIN, SANDOZ, SIMILARES],
    options: [...solid('tabletas', ['500 mg/125 mg', '875 mg/125 mg'], [10, 14]), ...liquid('suspensión', ['400 mg/57 mg/5 ml'], [70])],
  },
  {
    key: 'azitromicina', category: 'Antibióticos', activeIngredients: ['Azitromicina'], prescriptionRequired: true,
    use: 'Antibiótico macrólido para infecciones respiratorias, de garganta y de piel.', baseCents: 11900,
    makers: [brand('Pfizer', 'Zitromax'), PISA, LIOMONT, SANDOZ, SIMILARES, ULTRA],
    options: [...solid('tabletas', ['500 mg'], [3, 6]), ...liquid('suspensión', ['200 mg/5 ml'], [15, 30])],
  },
  {
    key: 'ciprofloxacino', category: 'Antibióticos', activeIngredients: ['Ciprofloxacino'], prescriptionRequired: true,
    use: 'Antibiótico para infecciones urinarias y gastrointestinales.', baseCents: 8450,
    makers: [brand('Bayer', 'Ciproxina'), PISA, LIOMONT, SENOSIAIN, SIMILARES, TEVA],
    options: solid('tabletas', ['250 mg', '500 mg'], [8, 10, 14]),
  },
  {
    key: 'cefalexina', category: 'Antibióticos', activeIngredients: ['Cefalexina'], prescriptionRequired: true,
    use: 'Antibiótico cefalosporínico para infecciones de piel, garganta y vías urinarias.', baseCents: 9350,
    makers: [brand('Eli Lilly', 'Keflex'), PISA, LIOMONT, ULTRA, SIMILARES],
    options: [...solid('cápsulas', ['500 mg'], [12, 20]), ...liquid('suspensión', ['250 mg/5 ml'], [90])],
  },
  {
    key: 'claritromicina', category: 'Antibióticos', activeIngredients: ['Claritromicina'], prescriptionRequired: true,
    use: 'Antibiótico para infecciones respiratorias y erradicación de Helicobacter pylori.', baseCents: 18900,
    makers: [brand('Abbott', 'Klaricid'), PISA, SENOSIAIN, SANDOZ, SIMILARES],
    options: solid('tabletas', ['250 mg', '500 mg'], [10, 14]),
  },
  {
    key: 'nitrofurantoina', category: 'Antibióticos', genericName: 'Nitrofurantoína', activeIngredients: ['Nitrofurantoína'],
    prescriptionRequired: true, use: 'Antibiótico para infecciones de vías urinarias bajas.', baseCents: 11200,
    makers: [brand('Procter & Gamble', 'Macrodantina'), PISA, LIOMONT, SIMILARES],
    options: solid('cápsulas', ['100 mg'], [20, 40]),
  },
  {
    key: 'trimetoprima-sulfametoxazol', category: 'Antibióticos', genericName: 'Trimetoprima / Sulfametoxazol',
    activeIngredients: ['Trimetoprima', 'Sulfametoxazol'], prescriptionRequired: true,
    use: 'Antibiótico combinado para infecciones urinarias, respiratorias e intestinales.', baseCents: 4350,
    makers: [brand('Roche', 'Bactrim'), PISA, LIOMONT, ULTRA, SIMILARES],
    options: solid('tabletas', ['80 mg/400 mg', '160 mg/800 mg'], [14, 20]),
  },
  {
    key: 'doxiciclina', category: 'Antibióticos', genericName: 'Doxiciclina', activeIngredients: ['Doxiciclina'],
    prescriptionRequired: true, use: 'Antibiótico de la familia de las tetraciclinas para acné e infecciones respiratorias.', baseCents: 12500,
    makers: [brand('Pfizer', 'Vibramicina'), PISA, SENOSIAIN, SIMILARES],
    options: solid('cápsulas', ['100 mg'], [10, 14, 20]),
  },

  // ── Gastrointestinal ────────────────────────────────────────────────────────
  {
    key: 'omeprazol', category: 'Gastrointestinal', activeIngredients: ['Omeprazol'], prescriptionRequired: false,
    use: 'Reduce la producción de ácido del estómago; alivia la acidez, la gastritis y la úlcera.', baseCents: 4290,
    makers: [brand('AstraZeneca', 'Losec'), ...GENERICS, TEVA, AMSA],
    options: solid('cápsulas', ['20 mg', '40 mg'], [7, 14, 28]),
  },
  {
    key: 'pantoprazol', category: 'Gastrointestinal', activeIngredients: ['Pantoprazol'], prescriptionRequired: false,
    use: 'Inhibidor de la bomba de protones para la acidez y el reflujo gastroesofágico.', baseCents: 6290,
    makers: [brand('Takeda', 'Pantozol'), PISA, LIOMONT, SENOSIAIN, SANDOZ, SIMILARES],
    options: solid('tabletas', ['20 mg', '40 mg'], [7, 14, 28]),
  },
  {
    key: 'esomeprazol', category: 'Gastrointestinal', activeIngredients: ['Esomeprazol'], prescriptionRequired: false,
    use: 'Alivia el reflujo y la acidez persistente.', baseCents: 11900,
    makers: [brand('AstraZeneca', 'Nexium'), PISA, LIOMONT, SANDOZ, SIMILARES],
    options: solid('tabletas', ['20 mg', '40 mg'], [7, 14]),
  },
  {
    key: 'loperamida', category: 'Gastrointestinal', activeIngredients: ['Loperamida'], prescriptionRequired: false,
    use: 'Controla la diarrea aguda.', baseCents: 3490,
    makers: [brand('Johnson & Johnson', 'Imodium'), PISA, LIOMONT, SIMILARES, ULTRA],
    options: solid('tabletas', ['2 mg'], [6, 12, 24]),
  },
  {
    key: 'butilhioscina', category: 'Gastrointestinal', genericName: 'Butilhioscina', activeIngredients: ['Butilhioscina'],
    prescriptionRequired: false, use: 'Alivia los cólicos y espasmos abdominales.', baseCents: 5290,
    makers: [brand('Boehringer Ingelheim', 'Buscapina'), PISA, SENOSIAIN, SIMILARES],
    options: solid('grageas', ['10 mg'], [10, 20, 40]),
  },
  {
    key: 'electrolitos', category: 'Gastrointestinal', genericName: 'Suero oral', activeIngredients: ['Electrolitos orales'],
    prescriptionRequired: false, use: 'Solución de rehidratación oral que repone agua y electrolitos.', baseCents: 2390,
    makers: [brand('Laboratorios Pisa', 'Electrolit'), { lab: 'Similares', brand: 'Suero oral', tier: 'value' }],
    options: goods(['Fresa', 'Coco', 'Uva', 'Mora azul', 'Naranja-mandarina', 'Lima-limón'], [
      { label: 'Botella con 625 ml de solución', size: 625 },
      { label: 'Paquete con 6 botellas de 625 ml', size: 3750 },
    ]),
  },
  {
    key: 'subsalicilato-bismuto', category: 'Gastrointestinal', genericName: 'Subsalicilato de bismuto',
    activeIngredients: ['Subsalicilato de bismuto'], prescriptionRequired: false,
    use: 'Alivia la indigestión, las náuseas, la acidez y la diarrea.', baseCents: 7990,
    makers: [brand('Procter & Gamble', 'Pepto-Bismol'), SIMILARES],
    options: [...liquid('suspensión', ['1.75 g/100 ml'], [118, 236]), ...solid('tabletas masticables', ['262 mg'], [24])],
  },
  {
    key: 'antiacido', category: 'Gastrointestinal', genericName: 'Hidróxido de aluminio y magnesio',
    activeIngredients: ['Hidróxido de aluminio', 'Hidróxido de magnesio', 'Simeticona'], prescriptionRequired: false,
    use: 'Antiácido que neutraliza la acidez y alivia la distensión por gases.', baseCents: 6190,
    makers: [brand('Sanofi', 'Melox Plus'), LIOMONT, SIMILARES],
    options: [...liquid('suspensión', ['sabor menta'], [100, 360]), ...solid('tabletas masticables', ['sabor menta'], [30, 50], 'Frasco')],
  },
  {
    key: 'metoclopramida', category: 'Gastrointestinal', activeIngredients: ['Metoclopramida'], prescriptionRequired: false,
    use: 'Controla la náusea y el vómito.', baseCents: 3190,
    makers: [brand('Sanofi', 'Primperan'), PISA, LIOMONT, SIMILARES],
    options: solid('tabletas', ['10 mg'], [20, 40]),
  },
  {
    key: 'senosidos', category: 'Gastrointestinal', genericName: 'Senósidos A-B', activeIngredients: ['Senósidos A-B'],
    prescriptionRequired: false, use: 'Laxante para el estreñimiento ocasional.', baseCents: 5590,
    makers: [brand('Sanofi', 'Senokot'), LIOMONT, SIMILARES],
    options: solid('tabletas', ['8.6 mg'], [20, 60]),
  },

  // ── Antialérgicos ───────────────────────────────────────────────────────────
  {
    key: 'loratadina', category: 'Antialérgicos', activeIngredients: ['Loratadina'], prescriptionRequired: false,
    use: 'Antihistamínico que alivia estornudos, escurrimiento nasal y comezón por alergia, sin causar sueño.', baseCents: 3890,
    makers: [brand('Bayer', 'Clarityne'), ...GENERICS, TEVA],
    options: [...solid('tabletas', ['10 mg'], [10, 20, 30]), ...liquid('jarabe', ['5 mg/5 ml'], [60, 120])],
  },
  {
    key: 'cetirizina', category: 'Antialérgicos', activeIngredients: ['Cetirizina'], prescriptionRequired: false,
    use: 'Antihistamínico para la rinitis alérgica y la urticaria.', baseCents: 4190,
    makers: [brand('UCB', 'Zyrtec'), PISA, LIOMONT, SENOSIAIN, SIMILARES],
    options: [...solid('tabletas', ['10 mg'], [10, 20]), ...liquid('solución', ['1 mg/ml'], [60, 120])],
  },
  {
    key: 'fexofenadina', category: 'Antialérgicos', activeIngredients: ['Fexofenadina'], prescriptionRequired: false,
    use: 'Antihistamínico de larga duración para la alergia estacional.', baseCents: 9890,
    makers: [brand('Sanofi', 'Allegra'), PISA, LIOMONT, SIMILARES],
    options: solid('tabletas', ['120 mg', '180 mg'], [10, 20]),
  },
  {
    key: 'desloratadina', category: 'Antialérgicos', activeIngredients: ['Desloratadina'], prescriptionRequired: false,
    use: 'Alivia los síntomas de la rinitis alérgica y la urticaria.', baseCents: 8450,
    makers: [brand('Organon', 'Aviant'), PISA, SENOSIAIN, SANDOZ, SIMILARES],
    options: [...solid('tabletas', ['5 mg'], [10, 20, 30]), ...liquid('jarabe', ['2.5 mg/5 ml'], [60])],
  },
  {
    key: 'clorfenamina', category: 'Antialérgicos', genericName: 'Clorfenamina', activeIngredients: ['Clorfenamina'],
    prescriptionRequired: false, use: 'Antihistamínico clásico para alergias y resfriado.', baseCents: 1890,
    makers: [PISA, LIOMONT, ULTRA, SIMILARES],
    options: [...solid('tabletas', ['4 mg'], [20, 40]), ...liquid('jarabe', ['2 mg/5 ml'], [120])],
  },

  // ── Cardiovascular (con receta) ─────────────────────────────────────────────
  {
    key: 'losartan', category: 'Cardiovascular', genericName: 'Losartán', activeIngredients: ['Losartán potásico'],
    prescriptionRequired: true, use: 'Controla la presión arterial alta y protege el riñón en pacientes con diabetes.', baseCents: 8990,
    makers: [brand('Organon', 'Cozaar'), ...GENERICS, TEVA, AMSA],
    options: solid('tabletas', ['50 mg', '100 mg'], [15, 30, 60]),
  },
  {
    key: 'enalapril', category: 'Cardiovascular', activeIngredients: ['Enalapril'], prescriptionRequired: true,
    use: 'Antihipertensivo que también se usa en la insuficiencia cardiaca.', baseCents: 4590,
    makers: [brand('Organon', 'Renitec'), PISA, LIOMONT, SENOSIAIN, SIMILARES, ULTRA],
    options: solid('tabletas', ['10 mg', '20 mg'], [10, 30]),
  },
  {
    key: 'amlodipino', category: 'Cardiovascular', activeIngredients: ['Amlodipino'], prescriptionRequired: true,
    use: 'Bloqueador de canales de calcio para la hipertensión y la angina de pecho.', baseCents: 6290,
    makers: [brand('Pfizer', 'Norvasc'), PISA, LIOMONT, SENOSIAIN, SANDOZ, SIMILARES, TEVA],
    options: solid('tabletas', ['5 mg', '10 mg'], [10, 30]),
  },
  {
    key: 'atorvastatina', category: 'Cardiovascular', activeIngredients: ['Atorvastatina'], prescriptionRequired: true,
    use: 'Reduce el colesterol LDL y los triglicéridos.', baseCents: 11900,
    makers: [brand('Pfizer', 'Lipitor'), PISA, LIOMONT, SENOSIAIN, SANDOZ, SIMILARES, TEVA],
    options: solid('tabletas', ['10 mg', '20 mg', '40 mg', '80 mg'], [15, 30]),
  },
  {
    key: 'rosuvastatina', category: 'Cardiovascular', activeIngredients: ['Rosuvastatina'], prescriptionRequired: true,
    use: 'Estatina para reducir el colesterol y el riesgo cardiovascular.', baseCents: 16900,
    makers: [brand('AstraZeneca', 'Crestor'), PISA, SANDOZ, SIMILARES],
    options: solid('tabletas', ['10 mg', '20 mg'], [14, 28]),
  },
  {
    key: 'metoprolol', category: 'Cardiovascular', activeIngredients: ['Metoprolol'], prescriptionRequired: true,
    use: 'Betabloqueador para la hipertensión, la angina y el control de la frecuencia cardiaca.', baseCents: 4890,
    makers: [brand('Novartis', 'Lopresor'), PISA, LIOMONT, SIMILARES],
    options: solid('tabletas', ['50 mg', '100 mg'], [20, 40]),
  },
  {
    key: 'clopidogrel', category: 'Cardiovascular', activeIngredients: ['Clopidogrel'], prescriptionRequired: true,
    use: 'Antiagregante plaquetario que previene infartos y embolias.', baseCents: 14900,
    makers: [brand('Sanofi', 'Plavix'), PISA, SANDOZ, SIMILARES, TEVA],
    options: solid('tabletas', ['75 mg'], [14, 28]),
  },
  {
    key: 'hidroclorotiazida', category: 'Cardiovascular', activeIngredients: ['Hidroclorotiazida'], prescriptionRequired: true,
    use: 'Diurético para la presión arterial alta y la retención de líquidos.', baseCents: 2890,
    makers: [PISA, LIOMONT, ULTRA, SIMILARES],
    options: solid('tabletas', ['25 mg'], [20, 30]),
  },
  {
    key: 'telmisartan', category: 'Cardiovascular', genericName: 'Telmisartán', activeIngredients: ['Telmisartán'],
    prescriptionRequired: true, use: 'Antihipertensivo de acción prolongada.', baseCents: 15900,
    makers: [brand('Boehringer Ingelheim', 'Micardis'), PISA, SENOSIAIN, SIMILARES],
    options: solid('tabletas', ['40 mg', '80 mg'], [14, 28]),
  },

  // ── Diabetes ────────────────────────────────────────────────────────────────
  {
    key: 'metformina', category: 'Diabetes', activeIngredients: ['Metformina'], prescriptionRequired: true,
    use: 'Controla la glucosa en la diabetes tipo 2.', baseCents: 3990,
    makers: [brand('Merck', 'Glucophage'), ...GENERICS, TEVA, AMSA],
    options: solid('tabletas', ['500 mg', '850 mg'], [30, 60]),
  },
  {
    key: 'glibenclamida', category: 'Diabetes', activeIngredients: ['Glibenclamida'], prescriptionRequired: true,
    use: 'Estimula la liberación de insulina en la diabetes tipo 2.', baseCents: 2890,
    makers: [brand('Sanofi', 'Daonil'), PISA, LIOMONT, SIMILARES],
    options: solid('tabletas', ['5 mg'], [50, 100]),
  },
  {
    key: 'metformina-glibenclamida', category: 'Diabetes', genericName: 'Metformina / Glibenclamida',
    activeIngredients: ['Metformina', 'Glibenclamida'], prescriptionRequired: true,
    use: 'Combinación para el control de la glucosa en la diabetes tipo 2.', baseCents: 6590,
    makers: [brand('Merck', 'Glucovance'), PISA, LIOMONT, SIMILARES],
    options: solid('tabletas', ['500 mg/5 mg'], [30, 60]),
  },
  {
    key: 'sitagliptina', category: 'Diabetes', activeIngredients: ['Sitagliptina'], prescriptionRequired: true,
    use: 'Mejora el control de la glucosa en la diabetes tipo 2.', baseCents: 39900,
    makers: [brand('MSD', 'Januvia'), PISA, SANDOZ],
    options: solid('tabletas', ['50 mg', '100 mg'], [14, 28]),
  },
  {
    key: 'tiras-glucosa', category: 'Diabetes', genericName: 'Tiras reactivas', activeIngredients: [],
    prescriptionRequired: false, use: 'Tiras para medir la glucosa en sangre con el glucómetro.', baseCents: 32900,
    makers: [brand('Roche', 'Accu-Chek'), brand('Abbott', 'FreeStyle'), brand('Ascensia', 'Contour')],
    options: goods(['Tiras reactivas', 'Lancetas'], [
      { label: 'Caja con 25 piezas', size: 25 },
      { label: 'Caja con 50 piezas', size: 50 },
      { label: 'Caja con 100 piezas', size: 100 },
    ]),
  },

  // ── Respiratorio ────────────────────────────────────────────────────────────
  {
    key: 'salbutamol', category: 'Respiratorio', activeIngredients: ['Salbutamol'], prescriptionRequired: true,
    use: 'Broncodilatador de acción rápida para el asma y la bronquitis.', baseCents: 13900,
    makers: [brand('GSK', 'Ventolin'), PISA, LIOMONT, SIMILARES],
    options: [
      { nameSuffix: 'Inhalador 100 µg', presentation: 'Inhalador con 200 dosis de 100 µg', priceFactor: 1 },
      ...liquid('jarabe', ['2 mg/5 ml'], [120]).map((o) => ({ ...o, priceFactor: 0.45 })),
    ],
  },
  {
    key: 'montelukast', category: 'Respiratorio', activeIngredients: ['Montelukast'], prescriptionRequired: true,
    use: 'Previene las crisis de asma y alivia la rinitis alérgica.', baseCents: 19900,
    makers: [brand('Organon', 'Singulair'), PISA, SENOSIAIN, SANDOZ, SIMILARES],
    options: [...solid('tabletas', ['10 mg'], [10, 30]), ...solid('tabletas masticables', ['4 mg', '5 mg'], [10, 30])],
  },
  {
    key: 'budesonida', category: 'Respiratorio', activeIngredients: ['Budesonida'], prescriptionRequired: true,
    use: 'Corticoesteroide inhalado para el control del asma.', baseCents: 28900,
    makers: [brand('AstraZeneca', 'Pulmicort'), PISA, SANDOZ],
    options: liquid('suspensión para nebulizar', ['0.25 mg/ml', '0.5 mg/ml'], [10, 20], 'Caja con ampolletas'),
  },
  {
    key: 'ambroxol', category: 'Respiratorio', activeIngredients: ['Ambroxol'], prescriptionRequired: false,
    use: 'Mucolítico que fluidifica las flemas y facilita la expectoración.', baseCents: 4590,
    makers: [brand('Sanofi', 'Mucosolvan'), PISA, LIOMONT, SENOSIAIN, SIMILARES],
    options: [...liquid('jarabe', ['15 mg/5 ml', '30 mg/5 ml'], [120]), ...solid('tabletas', ['30 mg'], [20])],
  },

  // ── Tos y resfriado ─────────────────────────────────────────────────────────
  {
    key: 'antigripal', category: 'Tos y resfriado', genericName: 'Paracetamol / Fenilefrina / Clorfenamina',
    activeIngredients: ['Paracetamol', 'Fenilefrina', 'Clorfenamina'], prescriptionRequired: false,
    use: 'Alivia los síntomas del resfriado y la gripe: congestión, fiebre y dolor de cabeza.', baseCents: 5490,
    makers: [brand('Genomma Lab', 'Next'), brand('Genomma Lab', 'XL-3'), brand('Bayer', 'Desenfriolito'), PISA, SIMILARES],
    options: [
      ...solid('tabletas', ['500 mg/5 mg/4 mg'], [12, 24]),
      { nameSuffix: 'Día y Noche', presentation: 'Caja con 12 cápsulas de gel (8 de día y 4 de noche)', priceFactor: 1.3 },
      { nameSuffix: 'Día y Noche', presentation: 'Caja con 24 cápsulas de gel (16 de día y 8 de noche)', priceFactor: 2.2 },
    ],
  },
  {
    key: 'dextrometorfano', category: 'Tos y resfriado', genericName: 'Dextrometorfano', activeIngredients: ['Dextrometorfano'],
    prescriptionRequired: false, use: 'Antitusivo que calma la tos seca.', baseCents: 6590,
    makers: [brand('Genomma Lab', 'Tukol-D'), LIOMONT, SIMILARES],
    options: liquid('jarabe', ['15 mg/5 ml'], [120, 175]),
  },
  {
    key: 'mentol-eucalipto', category: 'Tos y resfriado', genericName: 'Ungüento mentolado',
    activeIngredients: ['Alcanfor', 'Mentol', 'Aceite de eucalipto'], prescriptionRequired: false,
    use: 'Ungüento que alivia la congestión nasal y la tos por resfriado.', baseCents: 5990,
    makers: [brand('Procter & Gamble', 'Vick VapoRub'), SIMILARES],
    options: topical('ungüento', [''], [50, 100], 'Tarro'),
  },
  {
    key: 'pastillas-garganta', category: 'Tos y resfriado', genericName: 'Pastillas para la garganta', activeIngredients: ['Mentol'],
    prescriptionRequired: false, use: 'Pastillas que refrescan y alivian la garganta irritada.', baseCents: 2490,
    makers: [brand('Procter & Gamble', 'Vick'), brand('Reckitt', 'Strepsils')],
    options: goods(['Miel', 'Menta', 'Cereza', 'Limón'], [{ label: 'Sobre con 20 pastillas', size: 20 }, { label: 'Caja con 24 pastillas', size: 24 }]),
  },

  // ── Sistema nervioso (con receta; algunos controlados) ──────────────────────
  {
    key: 'clonazepam', category: 'Sistema nervioso', activeIngredients: ['Clonazepam'], prescriptionRequired: true, controlled: true,
    use: 'Benzodiacepina para trastornos de pánico y crisis convulsivas.', baseCents: 15900,
    makers: [brand('Roche', 'Rivotril'), PSICOFARMA, SENOSIAIN, PISA],
    options: [...solid('tabletas', ['0.5 mg', '2 mg'], [30]), ...liquid('solución en gotas', ['2.5 mg/ml'], [10], 'Frasco gotero')],
  },
  {
    key: 'alprazolam', category: 'Sistema nervioso', activeIngredients: ['Alprazolam'], prescriptionRequired: true, controlled: true,
    use: 'Ansiolítico para el trastorno de ansiedad.', baseCents: 17900,
    makers: [brand('Pfizer', 'Tafil'), PSICOFARMA, SENOSIAIN],
    options: solid('tabletas', ['0.25 mg', '0.5 mg', '1 mg', '2 mg'], [30]),
  },
  {
    key: 'diazepam', category: 'Sistema nervioso', activeIngredients: ['Diazepam'], prescriptionRequired: true, controlled: true,
    use: 'Ansiolítico y relajante muscular.', baseCents: 6900,
    makers: [brand('Roche', 'Valium'), PSICOFARMA, PISA],
    options: solid('tabletas', ['5 mg', '10 mg'], [20, 30]),
  },
  {
    key: 'sertralina', category: 'Sistema nervioso', activeIngredients: ['Sertralina'], prescriptionRequired: true,
    use: 'Antidepresivo para la depresión y los trastornos de ansiedad.', baseCents: 14900,
    makers: [brand('Pfizer', 'Altruline'), PSICOFARMA, PISA, SANDOZ, SIMILARES],
    options: solid('tabletas', ['50 mg', '100 mg'], [14, 28]),
  },
  {
    key: 'fluoxetina', category: 'Sistema nervioso', activeIngredients: ['Fluoxetina'], prescriptionRequired: true,
    use: 'Antidepresivo para la depresión y el trastorno obsesivo-compulsivo.', baseCents: 8900,
    makers: [brand('Eli Lilly', 'Prozac'), PSICOFARMA, PISA, SIMILARES],
    options: solid('cápsulas', ['20 mg'], [14, 28]),
  },
  {
    key: 'escitalopram', category: 'Sistema nervioso', activeIngredients: ['Escitalopram'], prescriptionRequired: true,
    use: 'Antidepresivo para la depresión y la ansiedad generalizada.', baseCents: 19900,
    makers: [brand('Lundbeck', 'Lexapro'), PSICOFARMA, SANDOZ, SIMILARES],
    options: solid('tabletas', ['10 mg', '20 mg'], [14, 28]),
  },

  // ── Dermatología ────────────────────────────────────────────────────────────
  {
    key: 'clotrimazol', category: 'Dermatología', activeIngredients: ['Clotrimazol'], prescriptionRequired: false,
    use: 'Antimicótico para pie de atleta, tiña y candidiasis de la piel.', baseCents: 4890,
    makers: [brand('Bayer', 'Canesten'), PISA, LIOMONT, SIMILARES],
    options: topical('crema', ['1 %'], [20, 40]),
  },
  {
    key: 'ketoconazol', category: 'Dermatología', activeIngredients: ['Ketoconazol'], prescriptionRequired: false,
    use: 'Antimicótico para infecciones por hongos en piel y cuero cabelludo.', baseCents: 6990,
    makers: [brand('Janssen', 'Nizoral'), PISA, SENOSIAIN, SIMILARES],
    options: [...topical('crema', ['2 %'], [30]), ...liquid('shampoo', ['2 %'], [60, 120])],
  },
  {
    key: 'terbinafina', category: 'Dermatología', genericName: 'Terbinafina', activeIngredients: ['Terbinafina'],
    prescriptionRequired: false, use: 'Antimicótico para el pie de atleta y la tiña.', baseCents: 8290,
    makers: [brand('Genomma Lab', 'Lomecan'), PISA, SIMILARES],
    options: topical('crema', ['1 %'], [15, 30]),
  },
  {
    key: 'hidrocortisona', category: 'Dermatología', activeIngredients: ['Hidrocortisona'], prescriptionRequired: false,
    use: 'Corticoesteroide suave para la comezón, la dermatitis y las picaduras.', baseCents: 5290,
    makers: [LIOMONT, PISA, SIMILARES],
    options: topical('crema', ['1 %'], [15, 30]),
  },
  {
    key: 'aciclovir-crema', category: 'Dermatología', genericName: 'Aciclovir', activeIngredients: ['Aciclovir'],
    prescriptionRequired: false, use: 'Antiviral para el herpes labial.', baseCents: 6590,
    makers: [brand('GSK', 'Zovirax'), PISA, SENOSIAIN, SIMILARES],
    options: topical('crema', ['5 %'], [5, 10]),
  },
  {
    key: 'aciclovir-tabletas', category: 'Dermatología', genericName: 'Aciclovir', activeIngredients: ['Aciclovir'],
    prescriptionRequired: true, use: 'Antiviral oral para herpes y varicela.', baseCents: 12900,
    makers: [brand('GSK', 'Zovirax'), PISA, SENOSIAIN, SIMILARES],
    options: solid('tabletas', ['400 mg', '800 mg'], [20, 35]),
  },
  {
    key: 'cicatrizante', category: 'Dermatología', genericName: 'Gel cicatrizante', activeIngredients: ['Extracto de cebolla', 'Alantoína'],
    prescriptionRequired: false, use: 'Gel que mejora la apariencia de cicatrices y marcas.', baseCents: 18900,
    makers: [brand('Genomma Lab', 'Cicatricure'), brand('Merz', 'Contractubex')],
    options: topical('gel', [''], [30, 60]),
  },
  {
    key: 'acne', category: 'Dermatología', genericName: 'Limpiador para acné', activeIngredients: ['Ácido salicílico'],
    prescriptionRequired: false, use: 'Limpia a profundidad y ayuda a controlar los granos y puntos negros.', baseCents: 8990,
    makers: [brand('Genomma Lab', 'Asepxia')],
    options: goods(['Jabón exfoliante', 'Gel limpiador', 'Jabón carbón'], [
      { label: 'Barra con 100 g', size: 100 },
      { label: 'Paquete con 3 barras de 100 g', size: 300 },
    ]),
  },

  // ── Dermocosmética ──────────────────────────────────────────────────────────
  {
    key: 'bioderma', category: 'Dermocosmética', activeIngredients: [], prescriptionRequired: false,
    use: 'Cuidado dermatológico para piel sensible, recomendado por dermatólogos.', baseCents: 27900,
    makers: [house('Bioderma')],
    options: goods(['Sensibio H2O agua micelar', 'Atoderm crema ultranutritiva', 'Sébium gel espumoso', 'Hydrabio sérum'], [
      { label: 'Frasco con 100 ml', size: 100 },
      { label: 'Frasco con 250 ml', size: 250 },
      { label: 'Frasco con 500 ml', size: 500 },
    ]).concat(goods(['Photoderm MAX protector solar FPS 50+'], [{ label: 'Tubo con 40 ml', size: 40 }, { label: 'Frasco con 200 ml', size: 200 }])),
  },
  {
    key: 'la-roche-posay', category: 'Dermocosmética', activeIngredients: [], prescriptionRequired: false,
    use: 'Dermocosmético con agua termal para piel sensible.', baseCents: 32900,
    makers: [house('La Roche-Posay')],
    options: goods(['Effaclar gel limpiador', 'Lipikar bálsamo AP+M', 'Cicaplast bálsamo B5', 'Anthelios protector solar FPS 50+'], [
      { label: 'Tubo con 40 ml', size: 40 },
      { label: 'Frasco con 200 ml', size: 200 },
      { label: 'Frasco con 400 ml', size: 400 },
    ]),
  },
  {
    key: 'cetaphil', category: 'Dermocosmética', activeIngredients: [], prescriptionRequired: false,
    use: 'Limpieza e hidratación suave para piel seca y sensible.', baseCents: 21900,
    makers: [brand('Galderma', 'Cetaphil')],
    options: goods(['Loción limpiadora', 'Crema humectante', 'Loción humectante'], [
      { label: 'Frasco con 237 ml', size: 237 },
      { label: 'Frasco con 473 ml', size: 473 },
    ]),
  },
  {
    key: 'eucerin', category: 'Dermocosmética', activeIngredients: [], prescriptionRequired: false,
    use: 'Cuidado dermatológico con eficacia comprobada.', baseCents: 32900,
    makers: [house('Eucerin')],
    options: goods(['UreaRepair loción 10 % urea', 'Hyaluron-Filler crema de día', 'Sun protector solar FPS 50+', 'Aquaphor bálsamo reparador'], [
      { label: 'Tubo con 50 ml', size: 50 },
      { label: 'Frasco con 250 ml', size: 250 },
    ]),
  },
  {
    key: 'vichy', category: 'Dermocosmética', activeIngredients: [], prescriptionRequired: false,
    use: 'Dermocosmético con agua volcánica mineralizante.', baseCents: 46900,
    makers: [house('Vichy')],
    options: goods(['Minéral 89 sérum fortificante', 'Capital Soleil protector solar FPS 50', 'Normaderm gel limpiador'], [
      { label: 'Frasco con 30 ml', size: 30 },
      { label: 'Frasco con 50 ml', size: 50 },
      { label: 'Frasco con 200 ml', size: 200 },
    ]),
  },

  // ── Vitaminas y suplementos ─────────────────────────────────────────────────
  {
    key: 'vitamina-c', category: 'Vitaminas y suplementos', genericName: 'Vitamina C', activeIngredients: ['Ácido ascórbico'],
    prescriptionRequired: false, use: 'Complemento de vitamina C que apoya el sistema inmunológico.', baseCents: 5990,
    makers: [brand('Bayer', 'Redoxon'), PISA, LIOMONT, SIMILARES],
    options: [...solid('tabletas efervescentes', ['1 g'], [10, 30], 'Tubo'), ...solid('tabletas masticables', ['500 mg'], [30, 100], 'Frasco')],
  },
  {
    key: 'complejo-b', category: 'Vitaminas y suplementos', genericName: 'Complejo B',
    activeIngredients: ['Tiamina', 'Piridoxina', 'Cianocobalamina'], prescriptionRequired: false,
    use: 'Vitaminas del complejo B para el sistema nervioso y el cansancio.', baseCents: 6990,
    makers: [brand('Procter & Gamble', 'Neurobión'), PISA, LIOMONT, SIMILARES],
    options: solid('tabletas', ['100 mg/50 mg/1 mg'], [30, 60]),
  },
  {
    key: 'vitamina-d3', category: 'Vitaminas y suplementos', genericName: 'Vitamina D3', activeIngredients: ['Colecalciferol'],
    prescriptionRequired: false, use: 'Vitamina D para huesos fuertes y defensas.', baseCents: 11900,
    makers: [brand('Nature Made', 'Nature Made'), LIOMONT, SENOSIAIN, SIMILARES],
    options: solid('cápsulas blandas', ['1000 UI', '2000 UI', '4000 UI'], [30, 60, 90], 'Frasco'),
  },
  {
    key: 'acido-folico', category: 'Vitaminas y suplementos', genericName: 'Ácido fólico', activeIngredients: ['Ácido fólico'],
    prescriptionRequired: false, use: 'Recomendado antes y durante el embarazo.', baseCents: 2490,
    makers: [PISA, LIOMONT, SENOSIAIN, SIMILARES],
    options: solid('tabletas', ['0.4 mg', '5 mg'], [30, 90]),
  },
  {
    key: 'omega-3', category: 'Vitaminas y suplementos', genericName: 'Omega 3', activeIngredients: ['Aceite de pescado'],
    prescriptionRequired: false, use: 'Ácidos grasos EPA y DHA para la salud del corazón.', baseCents: 15900,
    makers: [brand('Nature Made', 'Nature Made'), LIOMONT, SIMILARES],
    options: solid('cápsulas blandas', ['1000 mg'], [30, 60, 90, 120], 'Frasco'),
  },
  {
    key: 'calcio-vitamina-d', category: 'Vitaminas y suplementos', genericName: 'Calcio + Vitamina D',
    activeIngredients: ['Carbonato de calcio', 'Colecalciferol'], prescriptionRequired: false,
    use: 'Calcio con vitamina D para prevenir la osteoporosis.', baseCents: 13900,
    makers: [brand('Haleon', 'Caltrate'), PISA, SIMILARES],
    options: solid('tabletas', ['600 mg/400 UI'], [30, 60], 'Frasco'),
  },
  {
    key: 'multivitaminico', category: 'Vitaminas y suplementos', genericName: 'Multivitamínico',
    activeIngredients: ['Multivitamínico', 'Minerales'], prescriptionRequired: false,
    use: 'Vitaminas y minerales para complementar la alimentación diaria.', baseCents: 19900,
    makers: [brand('Haleon', 'Centrum'), brand('Bayer', 'Supradyn'), SIMILARES],
    options: goods(['Adultos', 'Mujer', 'Hombre', 'Adultos 50+'], [
      { label: 'Frasco con 30 tabletas', size: 30 },
      { label: 'Frasco con 60 tabletas', size: 60 },
      { label: 'Frasco con 100 tabletas', size: 100 },
    ]),
  },
  {
    key: 'sulfato-ferroso', category: 'Vitaminas y suplementos', genericName: 'Sulfato ferroso', activeIngredients: ['Sulfato ferroso'],
    prescriptionRequired: false, use: 'Hierro para prevenir y tratar la anemia.', baseCents: 3290,
    makers: [PISA, LIOMONT, SIMILARES],
    options: solid('tabletas', ['200 mg'], [30, 50]),
  },
  {
    key: 'melatonina', category: 'Vitaminas y suplementos', genericName: 'Melatonina', activeIngredients: ['Melatonina'],
    prescriptionRequired: false, use: 'Ayuda a conciliar el sueño y a regular el ciclo de descanso.', baseCents: 14900,
    makers: [brand('Nature Made', 'Nature Made'), SENOSIAIN, SIMILARES],
    options: solid('tabletas', ['3 mg', '5 mg'], [30, 60], 'Frasco'),
  },
  {
    key: 'colageno', category: 'Vitaminas y suplementos', genericName: 'Colágeno hidrolizado', activeIngredients: ['Colágeno hidrolizado'],
    prescriptionRequired: false, use: 'Colágeno en polvo para piel, cabello y articulaciones.', baseCents: 24900,
    makers: [brand('Genomma Lab', 'Colágeno Teatrical'), brand('Nestlé', 'Resource'), SIMILARES],
    options: goods(['Sabor natural', 'Sabor fresa', 'Sabor naranja'], [
      { label: 'Bote con 300 g de polvo', size: 300 },
      { label: 'Bote con 500 g de polvo', size: 500 },
    ]),
  },

  // ── Bebés ───────────────────────────────────────────────────────────────────
  {
    key: 'panales', category: 'Bebés', activeIngredients: [], prescriptionRequired: false,
    use: 'Pañales desechables con gran absorción y ajuste cómodo.', baseCents: 15900,
    makers: [brand('Kimberly-Clark', 'Huggies Supreme'), brand('Procter & Gamble', 'Pampers Premium Care'), { lab: 'Similares', brand: 'Pañales Bebé Feliz', tier: 'value' }],
    options: goods(['Etapa 1', 'Etapa 2', 'Etapa 3', 'Etapa 4', 'Etapa 5', 'Etapa 6'], [
      { label: 'Paquete con 20 pañales', size: 20 },
      { label: 'Paquete con 40 pañales', size: 40 },
      { label: 'Paquete con 80 pañales', size: 80 },
    ]),
  },
  {
    key: 'toallitas', category: 'Bebés', activeIngredients: [], prescriptionRequired: false,
    use: 'Toallitas húmedas hipoalergénicas para la piel del bebé.', baseCents: 4990,
    makers: [brand('Kimberly-Clark', 'Huggies'), brand('Procter & Gamble', 'Pampers')],
    options: goods(['Toallitas húmedas Recién nacido', 'Toallitas húmedas Aloe'], [
      { label: 'Paquete con 48 toallitas', size: 48 },
      { label: 'Paquete con 80 toallitas', size: 80 },
      { label: 'Paquete con 3 de 80 toallitas', size: 240 },
    ]),
  },
  {
    key: 'rozaduras', category: 'Bebés', genericName: 'Pasta de óxido de zinc', activeIngredients: ['Óxido de zinc'],
    prescriptionRequired: false, use: 'Previene y alivia las rozaduras de pañal.', baseCents: 8990,
    makers: [brand('Kenvue', 'Desitin'), brand('Bayer', 'Bepanthen'), LIOMONT, SIMILARES],
    options: topical('pomada', [''], [57, 113]),
  },
  {
    key: 'formula-infantil', category: 'Bebés', activeIngredients: [], prescriptionRequired: false,
    use: 'Fórmula láctea para lactantes; la leche materna es el mejor alimento para el bebé.', baseCents: 29900,
    makers: [brand('Nestlé', 'NAN Optipro'), brand('Mead Johnson', 'Enfamil Premium')],
    options: goods(['Etapa 1', 'Etapa 2', 'Etapa 3'], [
      { label: 'Lata con 400 g de polvo', size: 400 },
      { label: 'Lata con 800 g de polvo', size: 800 },
      { label: 'Lata con 1.2 kg de polvo', size: 1200 },
    ]),
  },
  {
    key: 'cuidado-bebe', category: 'Bebés', activeIngredients: [], prescriptionRequired: false,
    use: 'Cuidado suave para la piel y el cabello del bebé.', baseCents: 6990,
    makers: [brand('Kenvue', "Johnson's Baby"), brand('Expanscience', 'Mustela')],
    options: goods(['Shampoo', 'Crema corporal hidratante', 'Jabón líquido', 'Aceite'], [
      { label: 'Frasco con 200 ml', size: 200 },
      { label: 'Frasco con 400 ml', size: 400 },
    ]),
  },

  // ── Higiene personal ────────────────────────────────────────────────────────
  {
    key: 'pasta-dental', category: 'Higiene personal', activeIngredients: ['Fluoruro de sodio'], prescriptionRequired: false,
    use: 'Pasta dental con flúor que protege contra la caries.', baseCents: 3490,
    makers: [brand('Colgate-Palmolive', 'Colgate'), brand('Haleon', 'Sensodyne'), brand('Procter & Gamble', 'Crest')],
    options: goods(['Triple acción', 'Blanqueadora', 'Protección total', 'Encías sensibles'], [
      { label: 'Tubo con 75 ml', size: 75 },
      { label: 'Tubo con 100 ml', size: 100 },
      { label: 'Paquete con 3 tubos de 100 ml', size: 300 },
    ]),
  },
  {
    key: 'enjuague-bucal', category: 'Higiene personal', activeIngredients: ['Aceites esenciales'], prescriptionRequired: false,
    use: 'Enjuague bucal que elimina los gérmenes que causan mal aliento.', baseCents: 6990,
    makers: [brand('Kenvue', 'Listerine'), brand('Colgate-Palmolive', 'Colgate Plax')],
    options: goods(['Cool Mint', 'Control sarro', 'Zero alcohol'], [
      { label: 'Frasco con 250 ml', size: 250 },
      { label: 'Frasco con 500 ml', size: 500 },
      { label: 'Frasco con 1 l', size: 1000 },
    ]),
  },
  {
    key: 'cepillo-dental', category: 'Higiene personal', activeIngredients: [], prescriptionRequired: false,
    use: 'Cepillo dental de cerdas suaves para una limpieza completa.', baseCents: 3990,
    makers: [brand('Colgate-Palmolive', 'Colgate'), brand('Procter & Gamble', 'Oral-B')],
    options: goods(['Cepillo dental suave', 'Cepillo dental medio', 'Cepillo dental infantil'], [
      { label: 'Paquete con 1 cepillo', size: 1 },
      { label: 'Paquete con 2 cepillos', size: 2 },
      { label: 'Paquete con 3 cepillos', size: 3 },
    ]),
  },
  {
    key: 'jabon', category: 'Higiene personal', activeIngredients: [], prescriptionRequired: false,
    use: 'Jabón de tocador para la higiene diaria.', baseCents: 2290,
    makers: [brand('Unilever', 'Dove'), brand('Procter & Gamble', 'Escudo'), brand('Colgate-Palmolive', 'Palmolive')],
    options: goods(['Jabón en barra original', 'Jabón en barra antibacterial', 'Jabón en barra avena'], [
      { label: 'Barra con 100 g', size: 100 },
      { label: 'Paquete con 3 barras de 100 g', size: 300 },
    ]),
  },
  {
    key: 'desodorante', category: 'Higiene personal', activeIngredients: [], prescriptionRequired: false,
    use: 'Antitranspirante con protección de 48 horas.', baseCents: 6490,
    makers: [brand('Unilever', 'Rexona'), brand('Unilever', 'Dove'), brand('Beiersdorf', 'Nivea')],
    options: goods(['Desodorante hombre', 'Desodorante mujer', 'Desodorante invisible'], [
      { label: 'Roll-on con 50 ml', size: 50 },
      { label: 'Aerosol con 150 ml', size: 150 },
    ]),
  },
  {
    key: 'shampoo', category: 'Higiene personal', activeIngredients: [], prescriptionRequired: false,
    use: 'Shampoo para el cuidado diario del cabello.', baseCents: 7490,
    makers: [brand('Procter & Gamble', 'Head & Shoulders'), brand('Procter & Gamble', 'Pantene'), brand('Unilever', 'Sedal')],
    options: goods(['Shampoo anticaspa', 'Shampoo hidratación', 'Shampoo control caída'], [
      { label: 'Frasco con 180 ml', size: 180 },
      { label: 'Frasco con 375 ml', size: 375 },
      { label: 'Frasco con 700 ml', size: 700 },
    ]),
  },
  {
    key: 'toallas-femeninas', category: 'Higiene personal', activeIngredients: [], prescriptionRequired: false,
    use: 'Toallas femeninas con alas y gran absorción.', baseCents: 3990,
    makers: [brand('Kimberly-Clark', 'Kotex'), brand('Essity', 'Saba'), brand('Procter & Gamble', 'Always')],
    options: goods(['Toallas regulares con alas', 'Toallas nocturnas con alas', 'Toallas ultradelgadas'], [
      { label: 'Paquete con 10 toallas', size: 10 },
      { label: 'Paquete con 20 toallas', size: 20 },
      { label: 'Paquete con 42 toallas', size: 42 },
    ]),
  },
  {
    key: 'gel-antibacterial', category: 'Higiene personal', genericName: 'Gel antibacterial', activeIngredients: ['Alcohol etílico'],
    prescriptionRequired: false, use: 'Gel con alcohol al 70 % que elimina el 99.9 % de los gérmenes sin agua.', baseCents: 3290,
    makers: [brand('Genomma Lab', 'Asepxia'), brand('Unilever', 'Dove'), SIMILARES],
    options: goods(['Gel antibacterial'], [
      { label: 'Frasco con 250 ml', size: 250 },
      { label: 'Frasco con 500 ml', size: 500 },
      { label: 'Frasco con 1 l', size: 1000 },
    ]),
  },
  {
    key: 'preservativos', category: 'Higiene personal', activeIngredients: [], prescriptionRequired: false,
    use: 'Preservativos de látex lubricados.', baseCents: 6990,
    makers: [brand('Church & Dwight', 'Trojan'), brand('Ansell', 'Sico')],
    options: goods(['Preservativos clásicos', 'Preservativos ultradelgados', 'Preservativos texturizados'], [
      { label: 'Caja con 3 preservativos', size: 3 },
      { label: 'Caja con 12 preservativos', size: 12 },
    ]),
  },

  // ── Primeros auxilios ───────────────────────────────────────────────────────
  {
    key: 'alcohol', category: 'Primeros auxilios', genericName: 'Alcohol etílico 70 %', activeIngredients: ['Alcohol etílico'],
    prescriptionRequired: false, use: 'Antiséptico para la limpieza de la piel sana.', baseCents: 2490,
    makers: [PISA, { lab: 'Jaloma', brand: 'Jaloma', tier: 'generic' }, SIMILARES],
    options: goods([''], [
      { label: 'Frasco con 250 ml', size: 250 },
      { label: 'Frasco con 500 ml', size: 500 },
      { label: 'Frasco con 1 l', size: 1000 },
    ]),
  },
  {
    key: 'agua-oxigenada', category: 'Primeros auxilios', genericName: 'Agua oxigenada', activeIngredients: ['Peróxido de hidrógeno'],
    prescriptionRequired: false, use: 'Solución al 3 % para limpiar heridas superficiales.', baseCents: 1990,
    makers: [{ lab: 'Jaloma', brand: 'Jaloma', tier: 'generic' }, PISA, SIMILARES],
    options: goods([''], [{ label: 'Frasco con 110 ml', size: 110 }, { label: 'Frasco con 480 ml', size: 480 }]),
  },
  {
    key: 'yodopovidona', category: 'Primeros auxilios', genericName: 'Yodopovidona', activeIngredients: ['Yodopovidona'],
    prescriptionRequired: false, use: 'Antiséptico para heridas y raspaduras.', baseCents: 6490,
    makers: [brand('Mundipharma', 'Isodine'), PISA, SIMILARES],
    options: liquid('solución', ['10 %'], [120, 240]),
  },
  {
    key: 'gasas-vendas', category: 'Primeros auxilios', activeIngredients: [], prescriptionRequired: false,
    use: 'Material de curación para cubrir y proteger heridas.', baseCents: 2990,
    makers: [brand('Le Roy', 'Le Roy'), { lab: 'Jaloma', brand: 'Jaloma', tier: 'generic' }],
    options: goods(['Gasas estériles 10 x 10 cm', 'Venda elástica 5 cm', 'Venda elástica 10 cm', 'Cinta microporosa 2.5 cm'], [
      { label: 'Paquete con 1 pieza', size: 1 },
      { label: 'Caja con 10 piezas', size: 10 },
    ]),
  },
  {
    key: 'vendas-adhesivas', category: 'Primeros auxilios', activeIngredients: [], prescriptionRequired: false,
    use: 'Vendas adhesivas para cortadas y raspones.', baseCents: 3490,
    makers: [brand('Kenvue', 'Band-Aid'), brand('Le Roy', 'Curitas')],
    options: goods(['Vendas transparentes', 'Vendas de tela', 'Vendas infantiles'], [
      { label: 'Caja con 20 vendas adhesivas', size: 20 },
      { label: 'Caja con 40 vendas adhesivas', size: 40 },
      { label: 'Caja con 100 vendas adhesivas', size: 100 },
    ]),
  },
  {
    key: 'sulfadiazina', category: 'Primeros auxilios', genericName: 'Sulfadiazina de plata', activeIngredients: ['Sulfadiazina de plata'],
    prescriptionRequired: false, use: 'Crema para quemaduras leves, previene la infección.', baseCents: 9490,
    makers: [PISA, LIOMONT, SIMILARES],
    options: topical('crema', ['1 %'], [28, 375], 'Tubo'),
  },
  {
    key: 'termometro', category: 'Primeros auxilios', genericName: 'Termómetro digital', activeIngredients: [], prescriptionRequired: false,
    use: 'Termómetro digital de lectura rápida.', baseCents: 12900,
    makers: [brand('Microlife', 'Microlife'), brand('Omron', 'Omron')],
    options: goods(['Termómetro digital', 'Termómetro digital flexible', 'Termómetro infrarrojo'], [{ label: 'Caja con 1 pieza', size: 1 }]),
  },

  // ── Oftálmicos ──────────────────────────────────────────────────────────────
  {
    key: 'lagrimas-artificiales', category: 'Oftálmicos', genericName: 'Hipromelosa', activeIngredients: ['Hipromelosa'],
    prescriptionRequired: false, use: 'Lágrimas artificiales que lubrican y alivian el ojo seco.', baseCents: 9990,
    makers: [brand('Alcon', 'Systane'), brand('Laboratorios Sophia', 'Lagricel'), SIMILARES],
    options: liquid('solución oftálmica', ['0.5 %'], [10, 15], 'Frasco gotero'),
  },
  {
    key: 'nafazolina', category: 'Oftálmicos', genericName: 'Nafazolina', activeIngredients: ['Nafazolina'],
    prescriptionRequired: false, use: 'Descongestionante que alivia el enrojecimiento de los ojos.', baseCents: 4990,
    makers: [brand('Kenvue', 'Visine'), brand('Laboratorios Sophia', 'Sophipren'), SIMILARES],
    options: liquid('solución oftálmica', ['0.1 %'], [15], 'Frasco gotero'),
  },
  {
    key: 'tobramicina', category: 'Oftálmicos', genericName: 'Tobramicina', activeIngredients: ['Tobramicina'],
    prescriptionRequired: true, use: 'Antibiótico oftálmico para la conjuntivitis bacteriana.', baseCents: 14900,
    makers: [brand('Alcon', 'Tobrex'), brand('Laboratorios Sophia', 'Tobrazol'), PISA],
    options: liquid('solución oftálmica', ['0.3 %'], [5], 'Frasco gotero'),
  },
  {
    key: 'cloranfenicol', category: 'Oftálmicos', genericName: 'Cloranfenicol', activeIngredients: ['Cloranfenicol'],
    prescriptionRequired: true, use: 'Antibiótico oftálmico para infecciones de los ojos.', baseCents: 6990,
    makers: [brand('Laboratorios Sophia', 'Cloranfeni'), PISA, SIMILARES],
    options: liquid('solución oftálmica', ['0.5 %'], [15], 'Frasco gotero'),
  },
];
