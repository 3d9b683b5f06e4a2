// 暗链 hiding styles beyond the obvious ones: zero font sizes in any unit, clip and clip-path, a 1 px box.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hidingStyle } from './hidden-links.ts';

test('零字号（任何单位）、clip、clip-path、1×1 像素溢出隐藏都认作隐藏；正常样式不算', () => {
  const hiding = [
    'font-size:0em',
    'font-size: 0rem',
    'font-size:0%',
    'font-size:1px',
    'clip: rect(0 0 0 0); position:absolute',
    'clip-path: inset(50%)',
    'width:1px;height:1px;overflow:hidden',
  ];
  for (const style of hiding) {
    assert.ok(hidingStyle(style), style);
  }
  const visible = [
    'font-size:1.2em',
    'font-size:14px',
    'width:1px;height:20px',
    'clip-path: inset(5%)',
    'overflow:hidden',
  ];
  for (const style of visible) {
    assert.equal(hidingStyle(style), undefined, style);
  }
});
