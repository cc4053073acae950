import { detectCmsFileKind } from '../../src/cms/detect';
import { ASP_FILES, CROSSWALK_FILE, RVU_2025, RVU_2026, asyncMessageOf, cmsBytes } from './files';

describe('detectCmsFileKind recognises a file by its content', () => {
  it.each(Object.values(ASP_FILES))('sees a payment limit file in %s', async (file) => {
    expect(await detectCmsFileKind(cmsBytes(file), 'renamed.csv')).toBe('payment-limit');
  });

  it('sees the crosswalk and both relative value files', async () => {
    expect(await detectCmsFileKind(cmsBytes(CROSSWALK_FILE), 'a.csv')).toBe('crosswalk');
    expect(await detectCmsFileKind(cmsBytes(RVU_2025), 'b.csv')).toBe('pfs-rvu');
    expect(await detectCmsFileKind(cmsBytes(RVU_2026), 'c.csv')).toBe('pfs-rvu');
  });

  it('returns null for a CSV it does not know', async () => {
    expect(await detectCmsFileKind('name,amount\r\nx,1\r\n', 'other.csv')).toBeNull();
  });

  it('refuses an empty file with a message that does not guess its kind', async () => {
    expect(await asyncMessageOf(() => detectCmsFileKind('', 'e.csv'))).toBe('file "e.csv", row 1: the file is empty');
  });
});
