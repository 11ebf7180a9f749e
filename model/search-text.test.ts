import { describe, expect, it } from 'vitest';
import { foldText, searchWords, slugify } from './search-text';

describe('search text', () => {
  it('folds case and Spanish accents', () => {
    expect(foldText('Ibuprofeno NIÑOS Jarabe Pediátrico')).toBe('ibuprofeno ninos jarabe pediatrico');
  });

  it('splits into distinct searchable words without stop words', () => {
    expect(searchWords('Paracetamol 500 mg, caja con 10 tabletas de Paracetamol')).toEqual([
      'paracetamol', '500', 'mg', 'caja', '10', 'tabletas',
    ]);
  });

  it('slugifies category names', () => {
    expect(slugify('Higiene Bucal')).toBe('higiene-bucal');
    expect(slugify('Analgésicos y Antiinflamatorios')).toBe('analgesicos-y-antiinflamatorios');
  });
});
