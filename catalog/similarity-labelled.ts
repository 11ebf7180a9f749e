/**
 * A labelled set for the similar-products job: a small catalog written the way Mexican pharmacies label
 * their products (brand and generic, the point of sale's upper-case abbreviations among them) and, for 25
 * products, what a pharmacist would offer instead — the exact equivalents first, what must come after them,
 * and what must never be offered. Scored by catalog/similarity.test.ts ("labelled equivalents").
 */
import type { SimilarityProduct } from './similarity';

export interface EquivalenceCase {
  /** The product the shopper is looking at. */
  readonly product: string;
  /** Why a pharmacist expects this list. */
  readonly why: string;
  /** Offered first, in any order: the list's first `first.length` products are exactly these. */
  readonly first: readonly string[];
  /** Offered only after every `first` product, or not at all. */
  readonly after?: readonly string[];
  /** Never offered. */
  readonly never?: readonly string[];
}

type Row = [id: string, name: string, ingredients: string[], lab: string, category: string, presentation: string];

const ROWS: Row[] = [
  // Ibuprofeno: tablets by strength, pediatric suspensions
  ['IBU-400-PISA', 'Ibuprofeno 400 mg', ['Ibuprofeno'], 'Laboratorios Pisa', 'analgesicos', 'Caja con 20 tabletas de 400 mg'],
  ['IBU-200-PISA', 'Ibuprofeno 200 mg', ['Ibuprofeno'], 'Laboratorios Pisa', 'analgesicos', 'Caja con 20 tabletas de 200 mg'],
  ['IBU-800-PISA', 'Ibuprofeno 800 mg', ['Ibuprofeno'], 'Laboratorios Pisa', 'analgesicos', 'Caja con 20 tabletas de 800 mg'],
  ['IBU-400-LIOM', 'Ibuprofeno 400 mg', ['Ibuprofeno'], 'Liomont', 'analgesicos', 'Caja con 30 tabletas de 400 mg'],
  ['IBU-400-ADVIL', 'Advil 400 mg', ['Ibuprofeno'], 'Haleon', 'analgesicos', 'Caja con 20 tabletas de 400 mg'],
  ['IBU-400-ULTRA', 'IBUPROFENO 400MG TAB C/20', ['IBUPROFENO'], 'ULTRA LABORATORIOS', 'analgesicos', 'CAJA C/20'],
  ['IBU-600-LIOM', 'Ibuprofeno 600 mg', ['Ibuprofeno'], 'Liomont', 'analgesicos', 'Caja con 20 tabletas de 600 mg'],
  ['IBU-SUSP-MOTRIN', 'Motrin Infantil Suspensión 100 mg/5 ml', ['Ibuprofeno'], 'Johnson & Johnson', 'analgesicos', 'Frasco con 120 ml de suspensión (100 mg/5 ml)'],
  ['IBU-SUSP-ADVIL', 'Advil Infantil Suspensión', ['Ibuprofeno'], 'Haleon', 'analgesicos', 'Frasco con 120 ml de suspensión (100 mg/5 ml)'],
  ['IBU-SUSP-PISA', 'Ibuprofeno Suspensión Infantil 100 mg/5 ml', ['Ibuprofeno'], 'Laboratorios Pisa', 'analgesicos', 'Frasco con 100 ml de suspensión'],
  // Paracetamol
  ['PARA-500-PISA', 'Paracetamol 500 mg', ['Paracetamol'], 'Laboratorios Pisa', 'analgesicos', 'Caja con 20 tabletas de 500 mg'],
  ['PARA-750-PISA', 'Paracetamol 750 mg', ['Paracetamol'], 'Laboratorios Pisa', 'analgesicos', 'Caja con 20 tabletas de 750 mg'],
  ['PARA-500-TYLENOL', 'Tylenol 500 mg', ['Paracetamol'], 'Johnson & Johnson', 'analgesicos', 'Caja con 24 tabletas de 500 mg'],
  ['PARA-500-TEMPRA', 'Tempra 500 mg tabletas', ['Paracetamol'], 'Reckitt', 'analgesicos', 'Caja con 20 tabletas'],
  ['PARA-500-ULTRA', 'PARACETAMOL 500 MG TAB C/10', ['PARACETAMOL'], 'ULTRA LABORATORIOS', 'analgesicos', 'CAJA C/10'],
  ['PARA-SUSP-TEMPRA', 'Tempra Infantil Suspensión 160 mg/5 ml', ['Paracetamol'], 'Reckitt', 'analgesicos', 'Frasco con 120 ml de suspensión'],
  ['PARA-SUSP-TYLENOL', 'Tylenol Infantil Suspensión', ['Paracetamol'], 'Johnson & Johnson', 'analgesicos', 'Frasco con 120 ml de suspensión (160 mg/5 ml)'],
  ['PARA-SUSP-PISA', 'Paracetamol Suspensión Pediátrica 160 mg/5 ml', ['Paracetamol'], 'Laboratorios Pisa', 'analgesicos', 'Frasco con 120 ml'],
  ['PARA-GOTAS-TEMPRA', 'Tempra Gotas 100 mg/ml', ['Paracetamol'], 'Reckitt', 'analgesicos', 'Frasco gotero con 15 ml de solución en gotas para lactantes'],
  ['PARA-GOTAS-PISA', 'Paracetamol Solución en gotas 100 mg/ml', ['Paracetamol'], 'Laboratorios Pisa', 'analgesicos', 'Frasco gotero con 15 ml para lactantes'],
  ['PARA-CAF-BAYER', 'Paracetamol y cafeína 500 mg/65 mg', ['Paracetamol', 'Cafeína'], 'Bayer', 'analgesicos', 'Caja con 20 tabletas'],
  // Antibiotics
  ['AMOX-500-PISA', 'Amoxicilina 500 mg', ['Amoxicilina'], 'Laboratorios Pisa', 'antibioticos', 'Caja con 12 cápsulas de 500 mg'],
  ['AMOX-500-AMOXIL', 'Amoxil 500 mg cápsulas', ['Amoxicilina'], 'GSK', 'antibioticos', 'Caja con 12 cápsulas'],
  ['AMOX-500-SANDOZ', 'AMOXICILINA 500MG CAPS C/12', ['AMOXICILINA'], 'SANDOZ', 'antibioticos', 'CAJA C/12'],
  ['AMOX-SUSP-PISA', 'Amoxicilina Suspensión 250 mg/5 ml', ['Amoxicilina'], 'Laboratorios Pisa', 'antibioticos', 'Frasco con polvo para 75 ml de suspensión'],
  ['AMOXCLAV-875-PISA', 'Amoxicilina / Ácido clavulánico 875 mg/125 mg', ['Amoxicilina', 'Ácido clavulánico'], 'Laboratorios Pisa', 'antibioticos', 'Caja con 14 tabletas'],
  ['AMOXCLAV-875-AUGMENTIN', 'Augmentin 12H 875 mg/125 mg', ['Amoxicilina', 'Ácido clavulánico'], 'GSK', 'antibioticos', 'Caja con 14 tabletas de 875 mg/125 mg'],
  ['AMOXCLAV-500-SANDOZ', 'Amoxicilina / Ácido clavulánico 500 mg/125 mg', ['Amoxicilina', 'Ácido clavulánico'], 'Sandoz', 'antibioticos', 'Caja con 15 tabletas'],
  // Chronic medicines
  ['LOS-50-PISA', 'Losartán 50 mg', ['Losartán'], 'Laboratorios Pisa', 'cardiovascular', 'Caja con 30 tabletas de 50 mg'],
  ['LOS-50-COZAAR', 'Cozaar 50 mg', ['Losartán potásico'], 'Organon', 'cardiovascular', 'Caja con 30 tabletas de 50 mg'],
  ['LOS-50-SANDOZ', 'Losartán potásico 50 mg', ['Losartán potásico'], 'Sandoz', 'cardiovascular', 'Caja con 30 tabletas'],
  ['LOS-100-PISA', 'Losartán 100 mg', ['Losartán'], 'Laboratorios Pisa', 'cardiovascular', 'Caja con 30 tabletas de 100 mg'],
  ['MET-850-PISA', 'Metformina 850 mg', ['Metformina'], 'Laboratorios Pisa', 'diabetes', 'Caja con 30 tabletas de 850 mg'],
  ['MET-850-DABEX', 'Dabex 850 mg', ['Metformina'], 'Merck', 'diabetes', 'Caja con 30 tabletas de 850 mg'],
  ['MET-500-PISA', 'Metformina 500 mg', ['Metformina'], 'Laboratorios Pisa', 'diabetes', 'Caja con 30 tabletas de 500 mg'],
  ['MET-850-LP-PISA', 'Metformina 850 mg liberación prolongada', ['Metformina'], 'Laboratorios Pisa', 'diabetes', 'Caja con 30 tabletas de liberación prolongada'],
  ['LORA-10-PISA', 'Loratadina 10 mg', ['Loratadina'], 'Laboratorios Pisa', 'antialergicos', 'Caja con 10 tabletas de 10 mg'],
  ['LORA-10-CLARITYNE', 'Clarityne 10 mg', ['Loratadina'], 'Bayer', 'antialergicos', 'Caja con 10 tabletas de 10 mg'],
  ['LORA-JBE-PISA', 'Loratadina Jarabe 5 mg/5 ml', ['Loratadina'], 'Laboratorios Pisa', 'antialergicos', 'Frasco con 60 ml de jarabe'],
  ['LORA-JBE-CLARITYNE', 'Clarityne Jarabe', ['Loratadina'], 'Bayer', 'antialergicos', 'Frasco con 100 ml de jarabe (1 mg/ml)'],
  ['SALB-VENTOLIN', 'Ventolin Inhalador 100 µg', ['Salbutamol'], 'GSK', 'respiratorio', 'Inhalador con 200 dosis de 100 µg'],
  ['SALB-PISA', 'Salbutamol aerosol para inhalar 100 mcg/dosis', ['Salbutamol'], 'Laboratorios Pisa', 'respiratorio', 'Frasco con 200 dosis'],
  ['SALB-JBE-PISA', 'Salbutamol Jarabe 2 mg/5 ml', ['Salbutamol'], 'Laboratorios Pisa', 'respiratorio', 'Frasco con 120 ml de jarabe'],
  ['DICLO-GEL-VOLTAREN', 'Voltaren Emulgel 1 %', ['Diclofenaco'], 'Haleon', 'analgesicos', 'Tubo con 50 g de gel al 1 %'],
  ['DICLO-GEL-PISA', 'Diclofenaco Gel 1 %', ['Diclofenaco'], 'Laboratorios Pisa', 'analgesicos', 'Tubo con 60 g de gel'],
  ['DICLO-100-PISA', 'Diclofenaco 100 mg', ['Diclofenaco'], 'Laboratorios Pisa', 'analgesicos', 'Caja con 20 grageas de 100 mg'],
  ['CLOTRI-CANESTEN', 'Canesten Crema 1 %', ['Clotrimazol'], 'Bayer', 'dermatologia', 'Tubo con 20 g de crema al 1 %'],
  ['CLOTRI-PISA', 'Clotrimazol Crema 1 %', ['Clotrimazol'], 'Laboratorios Pisa', 'dermatologia', 'Tubo con 20 g'],
  ['CLOTRI-OVULOS', 'Clotrimazol Óvulos 100 mg', ['Clotrimazol'], 'Laboratorios Pisa', 'dermatologia', 'Caja con 6 óvulos de 100 mg'],
  ['VITC-REDOXON', 'Redoxon Vitamina C 1 g', ['Ácido ascórbico'], 'Bayer', 'vitaminas-y-suplementos', 'Tubo con 10 tabletas efervescentes de 1 g'],
  ['VITC-PISA', 'Vitamina C 1 g efervescente', ['Ácido ascórbico'], 'Laboratorios Pisa', 'vitaminas-y-suplementos', 'Tubo con 10 tabletas efervescentes'],
  ['VITC-500-MAST', 'Vitamina C 500 mg masticable', ['Ácido ascórbico'], 'Laboratorios Pisa', 'vitaminas-y-suplementos', 'Frasco con 100 tabletas masticables'],
  ['VITE-400', 'Vitamina E 400 UI', ['Tocoferol'], 'Laboratorios Pisa', 'vitaminas-y-suplementos', 'Frasco con 30 cápsulas blandas'],
  // Diapers, formula, strips, first aid, hygiene
  ['PAN-HUG-1-40', 'Huggies Supreme Etapa 1', [], 'Kimberly-Clark', 'bebes', 'Paquete con 40 pañales'],
  ['PAN-HUG-1-80', 'Huggies Supreme Etapa 1', [], 'Kimberly-Clark', 'bebes', 'Paquete con 80 pañales'],
  ['PAN-HUG-2-40', 'Huggies Supreme Etapa 2', [], 'Kimberly-Clark', 'bebes', 'Paquete con 40 pañales'],
  ['PAN-HUG-5-40', 'Huggies Supreme Etapa 5', [], 'Kimberly-Clark', 'bebes', 'Paquete con 40 pañales'],
  ['PAN-PAMP-1-40', 'Pampers Premium Care Etapa 1', [], 'Procter & Gamble', 'bebes', 'Paquete con 40 pañales'],
  ['PAN-PAMP-5-40', 'Pampers Premium Care Etapa 5', [], 'Procter & Gamble', 'bebes', 'Paquete con 40 pañales'],
  ['PAN-FELIZ-1-20', 'Pañales Bebé Feliz Etapa 1', [], 'Similares', 'bebes', 'Paquete con 20 pañales'],
  ['PAN-FELIZ-5-20', 'Pañales Bebé Feliz Etapa 5', [], 'Similares', 'bebes', 'Paquete con 20 pañales'],
  ['FORM-NAN-1', 'NAN Optipro Etapa 1', [], 'Nestlé', 'bebes', 'Lata con 800 g de polvo'],
  ['FORM-NAN-2', 'NAN Optipro Etapa 2', [], 'Nestlé', 'bebes', 'Lata con 800 g de polvo'],
  ['FORM-NAN-3', 'NAN Optipro Etapa 3', [], 'Nestlé', 'bebes', 'Lata con 800 g de polvo'],
  ['FORM-ENF-1', 'Enfamil Premium Etapa 1', [], 'Mead Johnson', 'bebes', 'Lata con 800 g de polvo'],
  ['STRIP-ACTIVE-50', 'Accu-Chek Active Tiras reactivas', [], 'Roche', 'diabetes', 'Caja con 50 tiras'],
  ['STRIP-ACTIVE-25', 'Accu-Chek Active Tiras reactivas', [], 'Roche', 'diabetes', 'Caja con 25 tiras'],
  ['STRIP-PERFORMA-50', 'Accu-Chek Performa Tiras reactivas', [], 'Roche', 'diabetes', 'Caja con 50 tiras'],
  ['STRIP-OPTIUM-50', 'FreeStyle Optium Tiras reactivas', [], 'Abbott', 'diabetes', 'Caja con 50 tiras'],
  ['STRIP-OPTIUM-100', 'FreeStyle Optium Tiras reactivas', [], 'Abbott', 'diabetes', 'Caja con 100 tiras'],
  ['METER-ACTIVE', 'Glucómetro Accu-Chek Active', [], 'Roche', 'diabetes', 'Caja con 1 pieza'],
  ['VENDA-5-LE', 'Venda elástica 5 cm', [], 'Le Roy', 'primeros-auxilios', 'Caja con 1 pieza'],
  ['VENDA-5-3M', 'Venda elástica Nexcare 5 cm', [], '3M', 'primeros-auxilios', 'Caja con 1 pieza'],
  ['VENDA-10-LE', 'Venda elástica 10 cm', [], 'Le Roy', 'primeros-auxilios', 'Caja con 1 pieza'],
  ['CEP-INF-COLGATE', 'Cepillo dental infantil Colgate', [], 'Colgate-Palmolive', 'higiene-personal', 'Blíster con 1 pieza'],
  ['CEP-INF-ORALB', 'Oral-B Kids cepillo dental', [], 'Procter & Gamble', 'higiene-personal', 'Blíster con 1 pieza'],
  ['CEP-ADULT-COLGATE', 'Cepillo dental Colgate medio', [], 'Colgate-Palmolive', 'higiene-personal', 'Blíster con 1 pieza'],
  ['SHAMPOO-HS-ANTI', 'Head & Shoulders shampoo anticaspa', [], 'Procter & Gamble', 'higiene-personal', 'Frasco con 375 ml'],
  ['SHAMPOO-SEDAL-ANTI', 'Sedal shampoo anticaspa', [], 'Unilever', 'higiene-personal', 'Frasco con 340 ml'],
  ['SHAMPOO-HS-HIDRA', 'Head & Shoulders shampoo hidratación', [], 'Procter & Gamble', 'higiene-personal', 'Frasco con 375 ml'],
];

export const LABELLED_CATALOG: readonly SimilarityProduct[] = ROWS.map(([id, name, activeIngredients, lab, categoryId, presentation]) => ({
  id,
  name,
  activeIngredients,
  lab,
  categoryId,
  presentation,
}));

export const EQUIVALENCE_CASES: readonly EquivalenceCase[] = [
  {
    product: 'IBU-400-PISA',
    why: 'Other labs’ 400 mg tablets are the generic equivalents; the same lab’s 200 and 800 mg are other doses.',
    first: ['IBU-400-LIOM', 'IBU-400-ADVIL', 'IBU-400-ULTRA'],
    after: ['IBU-200-PISA', 'IBU-800-PISA', 'IBU-600-LIOM'],
  },
  {
    product: 'IBU-400-ULTRA',
    why: 'The point of sale’s "400MG TAB C/20" is the same 400 mg tablet.',
    first: ['IBU-400-PISA', 'IBU-400-LIOM', 'IBU-400-ADVIL'],
    after: ['IBU-200-PISA', 'IBU-800-PISA'],
  },
  {
    product: 'IBU-SUSP-MOTRIN',
    why: 'A child’s ibuprofen suspension: other children’s ibuprofen suspensions, and never adult tablets before a child’s medicine.',
    first: ['IBU-SUSP-ADVIL', 'IBU-SUSP-PISA'],
    after: ['IBU-400-PISA', 'IBU-800-PISA', 'IBU-400-ADVIL', 'PARA-SUSP-TEMPRA'],
  },
  {
    product: 'IBU-SUSP-PISA',
    why: 'Same ingredient, strength (100 mg/5 ml) and form, for children.',
    first: ['IBU-SUSP-MOTRIN', 'IBU-SUSP-ADVIL'],
    after: ['IBU-200-PISA', 'IBU-400-PISA', 'IBU-800-PISA'],
  },
  {
    product: 'PARA-500-PISA',
    why: '500 mg paracetamol tablets of every brand and lab before 750 mg.',
    first: ['PARA-500-TYLENOL', 'PARA-500-TEMPRA', 'PARA-500-ULTRA'],
    after: ['PARA-750-PISA', 'PARA-CAF-BAYER'],
  },
  {
    product: 'PARA-SUSP-TEMPRA',
    why: 'Children’s paracetamol 160 mg/5 ml; the strength is written in the name or in the presentation.',
    first: ['PARA-SUSP-TYLENOL', 'PARA-SUSP-PISA'],
    after: ['PARA-500-TEMPRA', 'PARA-500-PISA', 'PARA-750-PISA'],
  },
  {
    product: 'PARA-GOTAS-TEMPRA',
    why: 'Infant drops 100 mg/ml: the other drops, not the 160 mg/5 ml suspensions or tablets.',
    first: ['PARA-GOTAS-PISA'],
    after: ['PARA-SUSP-TEMPRA', 'PARA-500-TEMPRA'],
  },
  {
    product: 'AMOX-500-PISA',
    why: 'Amoxicillin 500 mg capsules; amoxicillin with clavulanate is another medicine.',
    first: ['AMOX-500-AMOXIL', 'AMOX-500-SANDOZ'],
    after: ['AMOXCLAV-875-PISA', 'AMOXCLAV-875-AUGMENTIN', 'AMOX-SUSP-PISA'],
  },
  {
    product: 'AMOXCLAV-875-PISA',
    why: 'Augmentin 875/125 is the brand equivalent; 500/125 is another strength.',
    first: ['AMOXCLAV-875-AUGMENTIN'],
    after: ['AMOXCLAV-500-SANDOZ', 'AMOX-500-PISA'],
  },
  {
    product: 'LOS-50-COZAAR',
    why: 'Losartán and losartán potásico are the same active ingredient as written on labels; 50 mg before 100 mg.',
    first: ['LOS-50-PISA', 'LOS-50-SANDOZ'],
    after: ['LOS-100-PISA'],
  },
  {
    product: 'MET-850-PISA',
    why: 'Dabex 850 is the equivalent; 500 mg and the extended-release tablet are not interchangeable.',
    first: ['MET-850-DABEX'],
    after: ['MET-500-PISA', 'MET-850-LP-PISA'],
  },
  {
    product: 'LORA-10-PISA',
    why: 'Loratadine 10 mg tablets; the syrup is another form.',
    first: ['LORA-10-CLARITYNE'],
    after: ['LORA-JBE-PISA', 'LORA-JBE-CLARITYNE'],
  },
  {
    product: 'LORA-JBE-PISA',
    why: '5 mg/5 ml is 1 mg/ml: Clarityne syrup is the equivalent.',
    first: ['LORA-JBE-CLARITYNE'],
    after: ['LORA-10-PISA', 'LORA-10-CLARITYNE'],
  },
  {
    product: 'SALB-VENTOLIN',
    why: '100 µg per puff, written µg or mcg: the generic inhaler; the syrup is another form.',
    first: ['SALB-PISA'],
    after: ['SALB-JBE-PISA'],
  },
  {
    product: 'DICLO-GEL-PISA',
    why: 'Diclofenac gel 1 %: Voltaren Emulgel; the tablets are another form.',
    first: ['DICLO-GEL-VOLTAREN'],
    after: ['DICLO-100-PISA'],
  },
  {
    product: 'CLOTRI-PISA',
    why: 'Clotrimazole cream 1 %: Canesten; vaginal ovules are another form.',
    first: ['CLOTRI-CANESTEN'],
    after: ['CLOTRI-OVULOS'],
  },
  {
    product: 'VITC-PISA',
    why: 'Vitamin C 1 g effervescent: Redoxon; the 500 mg chewable and vitamin E come after ("C" and "E" are words).',
    first: ['VITC-REDOXON'],
    after: ['VITC-500-MAST', 'VITE-400'],
  },
  {
    product: 'PAN-HUG-1-40',
    why: 'Stage 1 diapers of every brand and pack before the same line’s stage 2 or 5.',
    first: ['PAN-HUG-1-80', 'PAN-PAMP-1-40', 'PAN-FELIZ-1-20'],
    after: ['PAN-HUG-2-40', 'PAN-HUG-5-40', 'PAN-PAMP-5-40', 'PAN-FELIZ-5-20'],
  },
  {
    product: 'PAN-HUG-5-40',
    why: 'Stage 5 is a bigger baby: the other brands’ stage 5, never stage 1 first.',
    first: ['PAN-PAMP-5-40', 'PAN-FELIZ-5-20'],
    after: ['PAN-HUG-1-40', 'PAN-HUG-1-80', 'PAN-PAMP-1-40'],
  },
  {
    product: 'PAN-FELIZ-1-20',
    why: '"Etapa 1" keeps its one-character stage: the other stage 1 packs.',
    first: ['PAN-HUG-1-40', 'PAN-HUG-1-80', 'PAN-PAMP-1-40'],
    after: ['PAN-FELIZ-5-20', 'PAN-HUG-5-40'],
  },
  {
    product: 'FORM-NAN-1',
    why: 'Infant formula stage 1 (0–6 months): the other brand’s stage 1 before stages 2 and 3.',
    first: ['FORM-ENF-1'],
    after: ['FORM-NAN-2', 'FORM-NAN-3'],
  },
  {
    product: 'STRIP-ACTIVE-50',
    why: 'Strips only fit their meter: the same strips in another pack, never another meter’s strips.',
    first: ['STRIP-ACTIVE-25'],
    never: ['STRIP-OPTIUM-50', 'STRIP-OPTIUM-100', 'STRIP-PERFORMA-50'],
  },
  {
    product: 'STRIP-OPTIUM-100',
    why: 'FreeStyle Optium strips: never Accu-Chek strips.',
    first: ['STRIP-OPTIUM-50'],
    never: ['STRIP-ACTIVE-50', 'STRIP-ACTIVE-25', 'STRIP-PERFORMA-50', 'METER-ACTIVE'],
  },
  {
    product: 'VENDA-5-LE',
    why: 'A 5 cm bandage: the other 5 cm bandage before the 10 cm one.',
    first: ['VENDA-5-3M'],
    after: ['VENDA-10-LE'],
  },
  {
    product: 'CEP-INF-COLGATE',
    why: 'A child’s toothbrush: the other child’s toothbrush before the adult one of the same brand.',
    first: ['CEP-INF-ORALB'],
    after: ['CEP-ADULT-COLGATE'],
  },
];
