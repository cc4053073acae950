/** The strict XML reader the manifest tests rely on: it must refuse what Office's parser refuses. */
import { parseXml, select } from './xml';

describe('parseXml', () => {
  it('reads elements, attributes, text and entities', () => {
    const root = parseXml('<?xml version="1.0"?>\n<a xmlns:b="urn:b" x="1 &amp; 2"><b:c y=\'&lt;\'>t&#233;&#x41;</b:c><!-- c --><d/></a>');
    expect(root.attributes.x).toBe('1 & 2');
    const [c] = select(root, 'b:c');
    expect(c?.attributes.y).toBe('<');
    expect(c?.text).toBe('téA');
    expect(select(root, 'd')).toHaveLength(1);
  });

  it.each([
    ['<a><b></a></b>', /closes <b>/],
    ['<a>', /never closed/],
    ['<a x=1/>', /malformed attribute/],
    ['<a x="1" x="2"/>', /repeated/],
    ['<a x="1"y="2"/>', /white space/],
    ['<a>1 < 2</a>', /malformed start tag/],
    ['<a>R&D</a>', /entity/],
    ['<a>&nbsp;</a>', /unknown entity/],
    ['<a><!-- a -- b --></a>', /"--"/],
    ['<a/><b/>', /second root/],
    ['text<a/>', /outside the root/],
    ['<b:a/>', /prefix "b" is not declared/],
    ['<!DOCTYPE a><a/>', /DOCTYPE/],
    ['<a/><?xml version="1.0"?>', /not at the start/],
    ['', /no root/],
  ])('refuses %j', (text, message) => {
    expect(() => parseXml(text)).toThrow(message);
  });
});
