// Messages of the document template field of the Standar Pelayanan (what the permit says is
// permitted, "Yang diizinkan").
import { defineMessages } from '../../platform/views/i18n.ts';

export const catalogTemplateMessages = defineMessages({
  id: {
    'catalog.bo.f.product.template': 'Templat "Yang diizinkan" pada dokumen',
    'catalog.bo.hint.product_template':
      'Teks dengan nama isian formulir dalam kurung kurawal, contoh: Usaha {nama_usaha} di {alamat_usaha}. Kosongkan untuk memakai satu baris per isian formulir. Berlaku setelah versi layanan diterbitkan.',
  },
  en: {
    'catalog.bo.f.product.template': 'Document template for "Permitted"',
    'catalog.bo.hint.product_template':
      'Text with form field names in braces, e.g. Business {nama_usaha} at {alamat_usaha}. Leave empty for one line per form field. Takes effect once the service version is published.',
  },
});
