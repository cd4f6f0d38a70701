import { describe, expect, it } from 'vitest';
import { validate } from '../../platform/http/validation.ts';
import { t, type MessageKey } from '../../platform/views/i18n.ts';
import { registerBusinessForm, registerCitizenForm, resetForm, signInForm } from './identity.schemas.ts';
import { passwordWeakness } from './passwords.ts';

const good = {
  nik: '5371 0112 0885 0001',
  name: '  Maria   Ndolu ',
  email: ' Maria.Ndolu@Contoh.ID ',
  phone: '0812-3456-7890',
  password: 'Kupang-Sejahtera-2026',
  passwordConfirm: 'Kupang-Sejahtera-2026',
};

const fieldKeys = (r: ReturnType<typeof validate>) => (r.ok ? {} : Object.fromEntries(r.fields.map((f) => [f.field, f.key])));

describe('registration schema', () => {
  it('[S-5] normalises what people type: NIK spaces, name spaces, e-mail case, phone to E.164', () => {
    const r = validate(registerCitizenForm, good);
    expect(r).toEqual({
      ok: true,
      data: { nik: '5371011208850001', name: 'Maria Ndolu', email: 'maria.ndolu@contoh.id', phone: '+6281234567890', password: good.password, passwordConfirm: good.password },
    });
  });

  it('[S-5] maps each identifier problem to its own message key', () => {
    expect(fieldKeys(validate(registerCitizenForm, { ...good, nik: '53710112088500' }))).toEqual({ nik: 'nik.format' });
    expect(fieldKeys(validate(registerCitizenForm, { ...good, nik: '9901011208850001' }))).toEqual({ nik: 'nik.province' });
    expect(fieldKeys(validate(registerCitizenForm, { ...good, nik: '5371013102900001' }))).toEqual({ nik: 'nik.birthdate' });
    expect(fieldKeys(validate(registerCitizenForm, { ...good, phone: '0380 821234' }))).toEqual({ phone: 'phone.format' });
    expect(fieldKeys(validate(registerCitizenForm, { ...good, email: 'a@b' }))).toEqual({ email: 'validation.email' });
    expect(fieldKeys(validate(registerCitizenForm, { ...good, name: '' }))).toEqual({ name: 'validation.required' });
  });

  it('[S-5] reports password problems together with the other fields', () => {
    const r = validate(registerCitizenForm, { ...good, nik: '1', password: 'abc', passwordConfirm: 'abd' });
    expect(fieldKeys(r)).toEqual({ nik: 'nik.format', password: 'password.too_short', passwordConfirm: 'password.mismatch' });
  });

  it('[S-5] refuses a password made of the person\'s own data', () => {
    expect(fieldKeys(validate(registerCitizenForm, { ...good, password: 'Ndolu#2026xx', passwordConfirm: 'Ndolu#2026xx' }))).toEqual({ password: 'password.personal' });
    expect(fieldKeys(validate(registerCitizenForm, { ...good, password: 'x-5371011208850001', passwordConfirm: 'x-5371011208850001' }))).toEqual({
      password: 'password.personal',
    });
  });

  it('[S-5] every message key the schemas produce exists in both languages', () => {
    for (const key of ['nik.format', 'nik.province', 'nik.birthdate', 'phone.format', 'npwp.format', 'nib.format', 'code.format', 'password.too_short', 'password.too_long', 'password.too_simple', 'password.common', 'password.personal', 'password.mismatch']) {
      expect(t('id', key as MessageKey)).not.toBe(key);
      expect(t('en', key as MessageKey)).not.toBe(key);
      expect(t('en', key as MessageKey)).not.toBe(t('id', key as MessageKey));
    }
  });
});

describe('business registration schema', () => {
  const business = {
    businessName: 'PT Maju Bersama',
    legalForm: 'pt',
    nib: '9120 0012 34567',
    npwp: '01.234.567.8-901.000',
    address: 'Jl. Timor Raya 1, Kupang',
    email: 'usaha@contoh.id',
    phone: '+6281234567890',
    password: 'Tenang-Kuat-2026!',
    passwordConfirm: 'Tenang-Kuat-2026!',
    personNik: '5371011208850001',
    personName: 'Budi Santoso',
    personPosition: 'Direktur',
  };

  it('[S-5] normalises the old 15-digit NPWP to 16 digits and strips NIB spaces', () => {
    const r = validate(registerBusinessForm, business);
    expect(r.ok && r.data.npwp).toBe('0012345678901000');
    expect(r.ok && r.data.nib).toBe('9120001234567');
  });

  it('[S-5] refuses bad NIB, NPWP and legal form with their own keys', () => {
    expect(fieldKeys(validate(registerBusinessForm, { ...business, nib: '123', npwp: '12.345', legalForm: 'xx' }))).toEqual({
      nib: 'nib.format',
      npwp: 'npwp.format',
      legalForm: 'validation.choice',
    });
  });
});

describe('other forms', () => {
  it('sign-in takes any login text; reset needs the link or an e-mail address', () => {
    expect(validate(signInForm, { login: ' 5371011208850001 ', password: 'x' })).toEqual({ ok: true, data: { login: '5371011208850001', password: 'x' } });
    expect(fieldKeys(validate(resetForm, { code: '123456', password: 'Kupang-Sejahtera-2026', passwordConfirm: 'Kupang-Sejahtera-2026' }))).toEqual({ email: 'validation.required' });
    expect(fieldKeys(validate(resetForm, { ref: 'not-a-uuid', code: '12a456', password: 'Kupang-Sejahtera-2026', passwordConfirm: 'Kupang-Sejahtera-2026' }))).toMatchObject({
      code: 'code.format',
    });
  });

  it('passwordWeakness: length, classes, common words', () => {
    expect(passwordWeakness('Ab1!')).toBe('password.too_short');
    expect(passwordWeakness('abcdefghijkl')).toBe('password.too_simple');
    expect(passwordWeakness('Password-2026')).toBe('password.common');
    expect(passwordWeakness('Kupang-Sejahtera-2026')).toBeNull();
  });
});
