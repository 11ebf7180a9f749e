import { describe, expect, it } from 'vitest';
import { ingredientKey, productFacts, sameDeviceLine } from './similarity-facts';

const facts = (name: string, presentation = '', lab = '', categoryId = '') => productFacts({ name, presentation, lab, categoryId });

describe('product facts read from the name and presentation', () => {
  it('reads the strength in canonical units, from the name first, else the presentation', () => {
    expect(facts('Ibuprofeno 400 mg', 'Caja con 20 tabletas de 400 mg').strength).toBe('400mg');
    expect(facts('IBUPROFENO 400MG TAB C/20').strength).toBe('400mg');
    expect(facts('Tempra 500 mg tabletas').strength).toBe(facts('Paracetamol', 'Caja con 20 tabletas de 0.5 g').strength);
    expect(facts('Advil Infantil Suspensión', 'Frasco con 120 ml de suspensión (100 mg/5 ml)').strength).toBe('20mg/ml');
    expect(facts('Loratadina Jarabe 5 mg/5 ml').strength).toBe(facts('Clarityne Jarabe', 'Frasco con 100 ml de jarabe (1 mg/ml)').strength);
    expect(facts('Tramacet 37.5 mg/325 mg').strength).toBe('37.5mg+325mg');
    expect(facts('Ventolin 100 µg').strength).toBe(facts('Salbutamol 100 mcg/dosis').strength);
    expect(facts('Diclofenaco Gel 1 %', 'Tubo con 50 g de gel al 1 %').strength).toBe('1%');
    expect(facts('Vitamina D3 1000 UI').strength).toBe('1000ui');
  });

  it('does not take a pack size for a strength', () => {
    expect(facts('Crema humectante', 'Tubo con 30 g').strength).toBeNull();
    expect(facts('Huggies Supreme Etapa 1', 'Paquete con 40 pañales').strength).toBeNull();
    expect(facts('Ibuprofeno Suspensión', 'Frasco con 120 ml de suspensión').strength).toBeNull();
  });

  it('reads the pharmaceutical form and its group, abbreviations included', () => {
    expect(facts('Ibuprofeno 400 mg', 'Caja con 20 tabletas')).toMatchObject({ form: 'tableta', formGroup: 'oral-solid' });
    expect(facts('AMOXICILINA 500MG CAPS C/12')).toMatchObject({ form: 'capsula', formGroup: 'oral-solid' });
    expect(facts('Motrin Suspensión 100 mg/5 ml')).toMatchObject({ form: 'suspension', formGroup: 'oral-liquid' });
    expect(facts('Vitamina C', 'Tubo con 10 tabletas efervescentes')).toMatchObject({ form: 'tableta-efervescente' });
    expect(facts('Metformina 850 mg liberación prolongada')).toMatchObject({ form: 'liberacion-prolongada' });
    expect(facts('Tobramicina', 'Frasco gotero con 5 ml de solución oftálmica')).toMatchObject({ formGroup: 'ophthalmic' });
    expect(facts('Clotrimazol Óvulos 100 mg')).toMatchObject({ formGroup: 'vaginal' });
    expect(facts('Salbutamol aerosol para inhalar')).toMatchObject({ formGroup: 'inhaled' });
    expect(facts('Huggies Supreme Etapa 1').form).toBeNull();
  });

  it('reads who the product is for: explicit words, babies by category, tablets as adults', () => {
    expect(facts('Motrin Infantil Suspensión').population).toBe('child');
    expect(facts('Paracetamol Suspensión Pediátrica').population).toBe('child');
    expect(facts('Tempra Gotas', 'Frasco gotero para lactantes').population).toBe('infant');
    expect(facts('Multivitamínico Adultos').population).toBe('adult');
    expect(facts('Huggies Supreme Etapa 1', '', '', 'bebes').population).toBe('infant');
    expect(facts('Ibuprofeno 400 mg', 'Caja con 20 tabletas').population).toBe('adult');
    expect(facts('Vitamina C masticable', 'Frasco con 100 tabletas masticables').population).toBeNull();
    expect(facts('Loratadina Jarabe').population).toBeNull();
  });

  it('keeps one-character stages and words: "Etapa 1" is not "Etapa 5", "Vitamina C" is not "Vitamina E"', () => {
    expect(facts('Huggies Supreme Etapa 1')).toMatchObject({ stage: 'etapa 1', stageNumber: 1 });
    expect(facts('Huggies Supreme Etapa 5')).toMatchObject({ stage: 'etapa 5', stageNumber: 5 });
    expect(facts('Pañal talla G').stage).toBe('talla g');
    expect(facts('Venda elástica 5 cm').stage).toBe('5cm');
    expect(facts('Gasas estériles 10 x 10 cm').stage).toBe('10x10cm');
    expect(facts('Vitamina C 1 g').words).toContain('c');
    expect(facts('Vitamina E 400 UI').words).toContain('e');
    expect(facts('Omega 3 1000 mg').words).toEqual(['omega', '3']);
  });

  it('reads the pack size: pieces, volume or mass, the point of sale\'s "C/20" too', () => {
    expect(facts('Ibuprofeno', 'Caja con 20 tabletas de 400 mg').packSize).toEqual({ amount: 20, unit: 'u' });
    expect(facts('IBUPROFENO 400MG TAB C/20', 'CAJA C/20').packSize).toEqual({ amount: 20, unit: 'u' });
    expect(facts('Jarabe', 'Frasco con 120 ml de jarabe').packSize).toEqual({ amount: 120, unit: 'ml' });
    expect(facts('Fórmula', 'Lata con 1.2 kg de polvo').packSize).toEqual({ amount: 1200, unit: 'g' });
  });

  it('names the meter line of strips, lancets and meters; other lines never fit', () => {
    const active = facts('Accu-Chek Active Tiras reactivas', 'Caja con 50 tiras', 'Roche').deviceLine;
    const performa = facts('Accu-Chek Performa Tiras reactivas', 'Caja con 50 tiras', 'Roche').deviceLine;
    const optium = facts('FreeStyle Optium Tiras reactivas', 'Caja con 50 tiras', 'Abbott').deviceLine;
    const meter = facts('Glucómetro Accu-Chek Active', 'Caja con 1 pieza', 'Roche').deviceLine;
    const anyAccuChek = facts('Accu-Chek Lancetas', 'Caja con 200 lancetas', 'Roche').deviceLine;
    expect(active).toEqual({ lab: 'roche', words: ['accu', 'active', 'chek'] });
    expect(sameDeviceLine(active!, meter!)).toBe(true);
    expect(sameDeviceLine(active!, anyAccuChek!)).toBe(true);
    expect(sameDeviceLine(active!, performa!)).toBe(false);
    expect(sameDeviceLine(active!, optium!)).toBe(false);
    expect(facts('Ibuprofeno 400 mg').deviceLine).toBeNull();
  });

  it('compares active ingredients without accents, case or salt', () => {
    expect(ingredientKey('Losartán potásico')).toBe(ingredientKey('LOSARTAN'));
    expect(ingredientKey('Clorhidrato de metformina')).toBe('metformina');
    expect(ingredientKey('Naproxeno sódico')).toBe('naproxeno');
    expect(ingredientKey('Óxido de zinc')).toBe('oxido de zinc');
    expect(ingredientKey('Ácido acetilsalicílico')).not.toBe(ingredientKey('Ácido ascórbico'));
  });
});
