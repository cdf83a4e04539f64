import { checklistWording } from './checklist-wording';

describe('checklistWording', () => {
  it('says 其余全部 when every item still to confirm is listed', () => {
    expect(checklistWording({ scope: '本村', pending: 37, listed: 37, mine: 37 })).toEqual({
      button: '其余全部账实相符',
      title: '全部确认为账实相符',
      confirm: '将本村其余 37 项资产确认为账实相符。',
      more: null,
    });
  });

  it('names the listed items and the rest when the list is cut at a page', () => {
    expect(checklistWording({ scope: '梧桐村', pending: 262, listed: 200, mine: 200 })).toEqual({
      button: '列出的 200 项账实相符',
      title: '列出的各项确认为账实相符',
      confirm: '将梧桐村列出的 200 项资产确认为账实相符；另有 62 项待确认，确认后列出。',
      more: '另有 62 项待确认，确认上列各项后列出',
    });
  });
});
