// Messages of the Open311 service definitions added for clients (Bahasa Indonesia first, English).
import { defineMessages } from '../../platform/views/i18n.ts';

export const open311Messages = defineMessages({
  id: {
    'open311.attr.impact': 'Dampak yang dirasakan',
    'open311.attr.impact_description': 'Pilih satu atau lebih dampak',
    'open311.attr.impact.keselamatan': 'Keselamatan',
    'open311.attr.impact.lalu_lintas': 'Lalu lintas',
    'open311.attr.impact.kesehatan': 'Kesehatan',
    'open311.attr.impact.lingkungan': 'Lingkungan',
    'open311.attr.landmark': 'Patokan lokasi',
    'open311.attr.landmark_description': 'Teks bebas, misalnya "depan SD Negeri 3"',
    'open311.attr.impact_line': 'Dampak: {list}',
    'open311.attr.landmark_line': 'Patokan: {text}',
    'open311.update.from_client': 'Tanggapan pelapor melalui {client}',
    'complaints.event.client_update': 'Tanggapan pelapor melalui aplikasi lain (Open311)',
  },
  en: {
    'open311.attr.impact': 'Impact',
    'open311.attr.impact_description': 'Choose one or more impacts',
    'open311.attr.impact.keselamatan': 'Safety',
    'open311.attr.impact.lalu_lintas': 'Traffic',
    'open311.attr.impact.kesehatan': 'Health',
    'open311.attr.impact.lingkungan': 'Environment',
    'open311.attr.landmark': 'Landmark',
    'open311.attr.landmark_description': 'Free text, for example "in front of State Primary School 3"',
    'open311.attr.impact_line': 'Impact: {list}',
    'open311.attr.landmark_line': 'Landmark: {text}',
    'open311.update.from_client': 'Reporter’s update through {client}',
    'complaints.event.client_update': 'Reporter’s update through another application (Open311)',
  },
});
