import { statusListId } from '../../extract-ports';
import { parseStatusListId, slotId } from './status-list-id';

describe('parseStatusListId', () => {
  it.each([
    ['1-revocation', { listNumber: 1, purpose: 'revocation' }],
    ['1-suspension', { listNumber: 1, purpose: 'suspension' }],
    ['42-revocation', { listNumber: 42, purpose: 'revocation' }],
  ])('reads %s', (listId, ref) => {
    expect(parseStatusListId(listId)).toEqual(ref);
  });

  it.each([
    ['0-revocation'],
    ['01-revocation'],
    ['-1-revocation'],
    ['1-Revocation'],
    ['1-refresh'],
    ['1-message'],
    ['1'],
    ['revocation'],
    ['1.5-revocation'],
    ['1-revocation '],
    ['1-revocation/x'],
    ['9999999999999999-revocation'],
    [''],
  ])('finds no list in %p', (listId) => {
    expect(parseStatusListId(listId)).toBeNull();
  });

  it('reads what statusListId writes', () => {
    expect(parseStatusListId(statusListId(7, 'suspension'))).toEqual({
      listNumber: 7,
      purpose: 'suspension',
    });
  });
});

describe('slotId', () => {
  it('keys an index by list number and index', () => {
    expect(slotId(3, 131_071)).toBe('3/131071');
  });
});
