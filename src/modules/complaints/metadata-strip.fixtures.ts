// Test files with identifying metadata, for the whistleblowing attachment cleaner's tests.
import zlib from 'node:zlib';

const seg = (marker: number, payload: Buffer) => {
  const len = Buffer.alloc(2);
  len.writeUInt16BE(payload.length + 2);
  return Buffer.concat([Buffer.from([0xff, marker]), len, payload]);
};

/** A JPEG-shaped file: SOI, JFIF, EXIF with GPS and owner, XMP, ICC, COM, DQT, SOS + data, EOI. */
export function jpegWithExif(): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(0xe1, Buffer.from('Exif\0\0MM*\0 Canon EOS OwnerName=Budi Santoso GPS -10.1772 123.607', 'latin1')),
    seg(0xe1, Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><dc:creator>Budi Santoso</dc:creator></x:xmpmeta>', 'latin1')),
    seg(0xe2, Buffer.from('ICC_PROFILE\0\x01\x01sRGB-profile-bytes', 'latin1')),
    seg(0xed, Buffer.from('Photoshop 3.0\0IPTC by-line Budi Santoso', 'latin1')),
    seg(0xfe, Buffer.from('dipotret oleh Budi Santoso', 'latin1')),
    seg(0xdb, Buffer.from([0, ...Array(64).fill(1)])),
    seg(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    Buffer.from([0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd0, 0x78]),
    Buffer.from([0xff, 0xd9]),
  ]);
}

const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(td));
  return Buffer.concat([len, td, crc]);
};
export function pngWithText(): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0])),
    chunk('tEXt', Buffer.from('Author\0Budi Santoso', 'latin1')),
    chunk('iTXt', Buffer.from('XML:com.adobe.xmp\0\0\0\0\0<dc:creator>Budi Santoso</dc:creator>', 'latin1')),
    chunk('zTXt', Buffer.concat([Buffer.from('Comment\0\0', 'latin1'), zlib.deflateSync('Budi Santoso')])),
    chunk('eXIf', Buffer.from('MM*\0GPS Budi Santoso', 'latin1')),
    chunk('IDAT', zlib.deflateSync(Buffer.from([0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function pdfWithInfo(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n' +
      '2 0 obj << /Author (Budi \\(Santoso\\) NIP 1987) /Creator (Microsoft Word - laporan-budi.docx) /Producer <4275646920536F6E> /Title (Bukti pungli - Budi) /CreationDate (D:20261201) >> endobj\n' +
      '3 0 obj << /Type /Metadata /Subtype /XML /Length 90 >> stream\n<x:xmpmeta><dc:creator><rdf:Seq><rdf:li>Budi Santoso</rdf:li></rdf:Seq></dc:creator></x:xmpmeta>\nendstream endobj\n' +
      'xref\n0 4\ntrailer << /Root 1 0 R /Info 2 0 R >>\nstartxref\n0\n%%EOF\n',
    'latin1',
  );
}
