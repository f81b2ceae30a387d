// The city line as each country writes it (shared by the widget and the console).
import { describe, expect, it } from 'vitest';
import { cityLine } from '../../../worker/src/shared/address-format';

describe('cityLine', () => {
  it('writes US, Canadian and Australian addresses city, state, postcode', () => {
    expect(cityLine({ city: 'Austin', state_or_province: 'TX', postal_code: '78701', country_code: 'US' })).toBe('Austin, TX 78701');
    expect(cityLine({ city: 'Toronto', state_or_province: 'ON', postal_code: 'M5V 2T6', country_code: 'ca' })).toBe('Toronto, ON M5V 2T6');
  });
  it('writes UK and Irish addresses city then postcode', () => {
    expect(cityLine({ city: 'Leeds', postal_code: 'LS1 4AP', country_code: 'GB' })).toBe('Leeds LS1 4AP');
  });
  it('writes most of Europe postcode then city', () => {
    expect(cityLine({ city: 'Berlin', postal_code: '10115', country_code: 'DE' })).toBe('10115 Berlin');
    expect(cityLine({ city: 'Lyon', postal_code: '69002', country_code: 'FR', state_or_province: '' })).toBe('69002 Lyon');
  });
  it('copes with missing parts', () => {
    expect(cityLine({ city: 'Hamilton', country_code: 'BM' })).toBe('Hamilton');
    expect(cityLine({ city: 'Austin', country_code: 'US' })).toBe('Austin');
  });
});
